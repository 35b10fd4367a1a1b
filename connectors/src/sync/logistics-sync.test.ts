import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import type { AlertChangedEvent } from '@district-hub/schema';
import {
  generateDistrict,
  meterHistory,
  startOfficeSpace,
  type OfficeSpaceSimulator,
  startLogistics,
  type LogisticsSimulator,
} from '@district-hub/simulators';
import { loadHubConfig } from '../config/load-config.ts';
import type { HubConfig } from '../config/hub-config.ts';
import { runSync } from './run-sync.ts';

// The logistics simulator publishing to the real Mosquitto under a topic root of this test's own, its
// work-order/device API, and the repository's hub.config.yaml pointed at both.
describe('logistics sync (device API, work orders, MQTT births, telemetry and alarms)', () => {
  const district = generateDistrict({ scale: 0.1, seed: 'logistics-test' });
  const root = `test-${randomUUID().slice(0, 8)}/zhhq`;
  const clientId = `hub-test-${randomUUID().slice(0, 8)}`;
  let office: OfficeSpaceSimulator;
  let logistics: LogisticsSimulator;
  let hub: TestDatabase;
  let config: HubConfig;

  beforeAll(async () => {
    office = await startOfficeSpace({ district });
    logistics = await startLogistics({
      district,
      mqttUrl: 'mqtt://127.0.0.1:1883',
      topicRoot: root,
      publishIntervalMs: 0,
    });
    config = loadHubConfig(undefined, {
      OFFICE_SPACE_URL: office.url,
      LOGISTICS_API_URL: logistics.apiUrl,
      LOGISTICS_MQTT_URL: 'mqtt://127.0.0.1:1883',
      LOGISTICS_TOPIC_ROOT: root,
      LOGISTICS_MQTT_CLIENT_ID: clientId,
    });
    hub = await createTestDatabase();
    const base = await runSync({
      databaseUrl: hub.url,
      config,
      source: 'office-space',
      streams: ['buildings', 'floors', 'rooms'],
    });
    expect(base.status).toBe('SUCCEEDED');
  });
  afterAll(async () => {
    await logistics?.clearRetained();
    await logistics?.stop();
    await office?.stop();
    const cleaner = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId, clean: true });
    await cleaner.endAsync();
    await hub?.drop();
  });
  // No worker follows the live MQTT connector here: each run drains it as well.
  const sync = (extra: Partial<Parameters<typeof runSync>[0]> = {}) =>
    runSync({
      databaseUrl: hub.url,
      config,
      source: 'logistics',
      trigger: 'test',
      includeLive: true,
      ...extra,
    });

  it('loads every device placed in its building, floor and room through the 1号楼 crosswalk; a second sync writes 0', async () => {
    const first = await sync({ full: true });
    expect(first.status, first.error?.message).toBe('SUCCEEDED');
    const reasons = await hub.prisma.rejectedRecord.findMany({ take: 3, select: { reason: true } });
    expect(first.rejected, JSON.stringify(reasons)).toBe(0);
    expect(await hub.prisma.device.count()).toBe(district.devices.length);
    expect(await hub.prisma.device.count({ where: { buildingId: null } })).toBe(0);
    expect(await hub.prisma.device.count({ where: { roomId: { not: null } } })).toBe(
      district.devices.filter((d) => d.roomId !== null).length,
    );
    // The building logistics calls 1号楼 is the one office space calls FZX-A01.
    const lou1 = district.devices.find((d) => d.buildingIndex === 0)!;
    const device = await hub.prisma.device.findFirst({
      where: { code: lou1.code },
      include: { building: true },
    });
    expect(device?.building?.code).toBe(district.buildings[0]!.code);
    expect(await hub.prisma.workOrder.count()).toBe(logistics.workOrders.orders.size);

    const second = await sync();
    expect(second.status).toBe('SUCCEEDED');
    expect(second.written).toBe(0);
  });

  it('loads the year of daily meter statistics with their source, building and amount; a later run reads only the last close', async () => {
    const expected = meterHistory(district, Date.now(), 365);
    expect(await hub.prisma.meterDaily.count()).toBe(expected.length);
    const last = expected.at(-1)!;
    const row = await hub.prisma.meterDaily.findFirstOrThrow({
      where: { source: 'logistics', externalId: last.id },
      include: { building: true },
    });
    const building = district.buildings.find((b) => `${b.number}号楼` === last.building)!;
    expect(row.building.code).toBe(building.code);
    expect(row).toMatchObject({ meterCode: last.meterCode, quantity: last.usage });
    expect(row.date.toISOString().slice(0, 10)).toBe(last.statDate);
    expect(row.cost?.toFixed(2)).toBe(last.amount?.toFixed(2));
    const again = await sync();
    expect(again.status).toBe('SUCCEEDED');
    // From the cursor on: the rows of the newest close time, not the year again.
    expect(again.streams['meter-daily']!.read).toBeLessThan(10);
    expect(again.streams['meter-daily']!.written).toBe(0);
  });

  it('turns telemetry published while the hub was away into readings, and alarms into deduplicated alerts', async () => {
    const at = Date.now();
    const published = await logistics.publishTelemetryBatch(at);
    expect(published).toBeGreaterThan(0);
    const changes: AlertChangedEvent[] = [];
    const telemetry = await sync({ onAlertChanged: (e) => changes.push(e) });
    expect(telemetry.status, telemetry.error?.message).toBe('SUCCEEDED');
    expect(telemetry.streams.telemetry!.read).toBe(published);
    expect(telemetry.streams.telemetry!.rejected).toBe(0);
    expect(await hub.prisma.reading.count()).toBeGreaterThan(published);

    const { alarmId } = await logistics.raiseAlarm('leak');
    const raised = await sync({ onAlertChanged: (e) => changes.push(e) });
    expect(raised.status).toBe('SUCCEEDED');
    const open = await hub.prisma.alert.findMany({ where: { status: 'OPEN' } });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: 'LEAK', severity: 'CRITICAL' });
    expect(open[0]!.deviceId).not.toBeNull();
    expect(changes.map((c) => c.change)).toContain('RAISED');

    await logistics.clearAlarm(alarmId!);
    await sync({ onAlertChanged: (e) => changes.push(e) });
    expect(await hub.prisma.alert.count({ where: { status: 'RESOLVED' } })).toBe(1);
    expect(await hub.prisma.alert.count()).toBe(1);
    expect(changes.at(-1)?.change).toBe('RESOLVED');
  });
});
