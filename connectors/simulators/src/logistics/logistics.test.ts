import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDistrict } from '../district/district.ts';
import { occupancy, sampleDevice, solar } from '../district/telemetry.ts';
import type { Device } from '../district/types.ts';
import { startLogistics, type LogisticsSimulator } from './logistics.ts';

const district = generateDistrict({ seed: 'logistics-test', scale: 0.05 });
const NOW = Date.parse('2026-03-04T10:00:00+08:00');
const root = `test-${randomUUID()}/zhhq`;
let sim: LogisticsSimulator;
let sub: MqttClient;

interface Received {
  topic: string;
  text: string;
  json: Record<string, unknown> | null;
  qos: number;
  retain: boolean;
}
let received: Received[] = [];
let waiters: (() => void)[] = [];

/** Resolves once the collected messages satisfy `predicate` (woken by each arriving message). */
function until(predicate: (msgs: Received[]) => boolean, timeoutMs = 10_000): Promise<Received[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out with ${received.length} messages`)),
      timeoutMs,
    );
    const check = () => {
      if (predicate(received)) {
        clearTimeout(timer);
        waiters = waiters.filter((w) => w !== check);
        resolve(received);
      }
    };
    waiters.push(check);
    check();
  });
}

const of = (kind: string) => received.filter((m) => m.topic.endsWith(`/${kind}`));

beforeAll(async () => {
  sim = await startLogistics({
    district,
    mqttUrl: 'mqtt://127.0.0.1:1883',
    topicRoot: root,
    publishIntervalMs: 0,
    now: () => NOW,
  });
  sub = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: `test-${randomUUID()}` });
  sub.on('message', (topic, payload, packet) => {
    const text = payload.toString('utf8');
    let json: Record<string, unknown> | null = null;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = null;
    }
    received.push({ topic, text, json, qos: packet.qos, retain: packet.retain });
    for (const w of [...waiters]) w();
  });
  await sub.subscribeAsync(`${root}/#`, { qos: 1 });
});
afterAll(async () => {
  await sim.clearRetained();
  await sub.endAsync();
  await sim.stop();
});
afterEach(() => {
  sim.faults.reset();
  received = [];
});

describe('logistics MQTT', () => {
  it('keeps a retained birth message for every device, on the documented topic tree', async () => {
    const births = (await until(() => of('birth').length >= district.devices.length)).filter((m) =>
      m.topic.endsWith('/birth'),
    );
    expect(births.every((m) => m.retain && m.qos === 1)).toBe(true);
    const b = births.find((m) => m.json?.deviceType === 'dianbiao')!;
    expect(b.topic).toMatch(
      new RegExp(`^${root}/lou\\d{2}/(\\d+F|B\\d|RF)/dianbiao/DB-\\d{2}-(\\d{2}|B\\d|RF)-\\d{3}/birth$`),
    );
    expect(b.json).toMatchObject({
      building: '1号楼',
      reportInterval: 60,
      position: { x: expect.any(Number) },
    });
  });

  it("publishes one QoS 1 telemetry sample per device, with a timestamp and the type's metrics", async () => {
    const n = await sim.publishTelemetryBatch(NOW);
    expect(n).toBe(district.devices.length);
    const msgs = (await until(() => of('telemetry').length >= n)).filter((m) =>
      m.topic.endsWith('/telemetry'),
    );
    expect(msgs.every((m) => m.qos === 1)).toBe(true);
    const meter = msgs.find((m) => m.json?.deviceType === 'dianbiao')!.json!;
    expect(meter).toMatchObject({
      ts: NOW,
      building: '1号楼',
      data: { p: expect.any(Number), ep: expect.any(Number) },
    });
  });

  it('raises a leak: the sensor trips, an alarm is published and a work order opens', async () => {
    const { deviceCode, alarmId } = await sim.raiseAlarm('leak');
    const msgs = await until(() => of('alarm').length >= 1 && of('telemetry').length >= 1);
    const alarm = msgs.find((m) => m.topic.endsWith('/alarm'))!.json!;
    expect(alarm).toMatchObject({ alarmId, deviceCode, alarmType: 'LEAK', level: 1, state: 'raise' });
    expect(msgs.find((m) => m.topic.endsWith('/telemetry'))!.json).toMatchObject({
      deviceCode,
      data: { leak: 1 },
    });
    const res = await fetch(`${sim.apiUrl}/prod-api/workorder/list?pageSize=500`, {
      headers: { 'x-api-key': sim.apiKey },
    });
    const body = (await res.json()) as { rows: { alarmId: string | null; priority: string }[] };
    expect(body.rows.find((o) => o.alarmId === alarmId)).toMatchObject({ priority: '1' });
    await sim.clearAlarm(alarmId!);
    await until(() => of('alarm').some((m) => m.json?.state === 'clear'));
  });

  it('raises an elevator fault and a meter spike, and lets a device go silent', async () => {
    const lift = await sim.raiseAlarm('elevator-fault');
    await until(() => of('alarm').some((m) => m.json?.deviceCode === lift.deviceCode));
    const spike = await sim.raiseAlarm('meter-spike');
    const normal = sampleDevice(
      district.info.seed,
      district.devices.find((d) => d.code === spike.deviceCode)!,
      district.buildings[0]!,
      NOW,
    );
    const spiked = (
      await until(() => of('telemetry').some((m) => m.json?.deviceCode === spike.deviceCode))
    ).find((m) => m.json?.deviceCode === spike.deviceCode)!.json!;
    expect((spiked.data as { p: number }).p).toBeGreaterThan(5 * (normal.p as number));
    const quiet = district.devices.find((d) => d.type === 'ENV')!.code;
    await sim.silence(quiet);
    received = [];
    const n = await sim.publishTelemetryBatch(NOW + 60_000);
    const batch = await until(() => of('telemetry').length >= n);
    expect(batch.some((m) => m.json?.deviceCode === quiet)).toBe(false);
    expect(batch.find((m) => m.json?.deviceCode === lift.deviceCode)!.json).toMatchObject({
      data: { running: 0, fault: 'E31' },
    });
    sim.unsilence(quiet);
  });
});

describe('logistics telemetry patterns', () => {
  const meter = district.devices.find((d) => d.type === 'METER_ELECTRIC' && d.level > 0) as Device;
  const pv = district.devices.find((d) => d.type === 'PV');
  const at = (iso: string) => Date.parse(iso);

  it('follows office hours on workdays over a night base load', () => {
    expect(occupancy(at('2026-03-04T10:00:00+08:00'))).toBe(1);
    expect(occupancy(at('2026-03-04T03:00:00+08:00'))).toBeLessThan(0.05);
    expect(occupancy(at('2026-03-07T10:00:00+08:00'))).toBeLessThan(0.1); // Saturday
    const day = sampleDevice('s', meter, district.buildings[0]!, at('2026-03-04T10:00:00+08:00')).p as number;
    const night = sampleDevice('s', meter, district.buildings[0]!, at('2026-03-04T03:00:00+08:00'))
      .p as number;
    expect(day).toBeGreaterThan(3 * night);
    expect(night).toBeGreaterThan(0);
  });

  it('keeps cumulative energy growing and PV following the sun', () => {
    let last = 0;
    for (let h = 0; h < 48; h++) {
      const ep = sampleDevice(
        's',
        meter,
        district.buildings[0]!,
        at('2026-03-04T00:00:00+08:00') + h * 3600_000,
      ).ep as number;
      expect(ep).toBeGreaterThanOrEqual(last);
      last = ep;
    }
    expect(solar('s', at('2026-06-21T12:00:00+08:00'))).toBeGreaterThan(0.2);
    expect(solar('s', at('2026-06-21T23:00:00+08:00'))).toBe(0);
    if (pv) expect(sampleDevice('s', pv, district.buildings[0]!, at('2026-03-04T02:00:00+08:00')).p).toBe(0);
  });
});

describe('logistics work-order API', () => {
  const get = (path: string, key = sim.apiKey) =>
    fetch(`${sim.apiUrl}${path}`, { headers: { 'x-api-key': key } });

  it('refuses a wrong key with 401', async () => {
    expect((await get('/prod-api/workorder/list', 'wrong')).status).toBe(401);
  });

  it('pages work orders and filters them by update time', async () => {
    const all = (await (await get('/prod-api/workorder/list?pageNum=1&pageSize=500')).json()) as {
      total: number;
      rows: { orderNo: string; updateTime: string }[];
    };
    expect(all.total).toBeGreaterThanOrEqual(8);
    const page2 = (await (await get('/prod-api/workorder/list?pageNum=2&pageSize=3')).json()) as {
      rows: { orderNo: string }[];
    };
    expect(page2.rows.map((r) => r.orderNo)).toEqual(all.rows.slice(3, 6).map((r) => r.orderNo));
    const since = all.rows[all.rows.length - 2]!.updateTime;
    const newer = (await (
      await get(`/prod-api/workorder/list?pageSize=500&beginUpdateTime=${encodeURIComponent(since)}`)
    ).json()) as {
      rows: { updateTime: string }[];
    };
    expect(newer.rows.length).toBeGreaterThanOrEqual(2);
    expect(newer.rows.every((r) => r.updateTime >= since)).toBe(true);
    const created = (await (
      await fetch(`${sim.apiUrl}/prod-api/workorder`, {
        method: 'POST',
        headers: { 'x-api-key': sim.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ title: '会议室投影仪故障', deviceCode: district.devices[0]!.code }),
      })
    ).json()) as { data: { orderNo: string } };
    const one = (await (await get(`/prod-api/workorder/${created.data.orderNo}`)).json()) as {
      data: { status: string; building: string };
    };
    expect(one.data).toMatchObject({ status: '0', building: '1号楼' });
  });

  it('lists buildings with the postal address the office-space system also holds', async () => {
    const body = (await (await get('/prod-api/building/list?pageSize=100')).json()) as {
      rows: { buildingName: string; address: string }[];
    };
    expect(body.rows[0]).toMatchObject({ buildingName: '1号楼', address: district.buildings[0]!.address });
  });
});

describe('logistics fault knobs', () => {
  it('delivers duplicates, late older samples, malformed and non-JSON messages', async () => {
    sim.faults.set({ duplicateRate: 1 });
    let n = await sim.publishTelemetryBatch(NOW + 120_000);
    await until(() => of('telemetry').length >= 2 * n);
    const seqs = of('telemetry').map((m) => `${String(m.json?.deviceCode)}#${String(m.json?.seq)}`);
    expect(new Set(seqs).size).toBe(n);

    sim.faults.reset().set({ outOfOrderRate: 1 });
    received = [];
    n = await sim.publishTelemetryBatch(NOW + 180_000);
    await until(() => of('telemetry').length >= 2 * n);
    const code = String(of('telemetry')[0]!.json!.deviceCode);
    const mine = of('telemetry')
      .filter((m) => m.json?.deviceCode === code)
      .map((m) => Number(m.json!.ts));
    expect(mine[1]).toBeLessThan(mine[0]!);

    sim.faults.reset().set({ malformedRate: 1, malformedKinds: ['missing-building'] });
    received = [];
    n = await sim.publishTelemetryBatch(NOW + 240_000);
    await until(() => of('telemetry').length >= n);
    expect(of('telemetry').every((m) => m.json?.building === '')).toBe(true);

    sim.faults.reset().set({ errorNext: 1 });
    received = [];
    n = await sim.publishTelemetryBatch(NOW + 300_000);
    await until(() => of('telemetry').length >= n);
    expect(of('telemetry').filter((m) => m.json === null)).toHaveLength(1);
  });

  it("drops the publisher's connection in the middle of a batch, and QoS 1 still delivers the batch", async () => {
    sim.faults.set({ dropNext: 1 });
    const n = await sim.publishTelemetryBatch(NOW + 360_000);
    await until(() => new Set(of('telemetry').map((m) => m.json?.deviceCode)).size >= n, 20_000);
    expect(sim.faults.injected.drop).toBe(1);
  });
});
