import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseHubConfig, runSync, type HubConfig } from '@district-hub/connectors';
import {
  acknowledgeAlert,
  deviceIncidentKey,
  linkWorkOrder,
  resolveAlert,
  type AlertChange,
} from '@district-hub/schema';
import {
  BACKENDS,
  createJobTestContext,
  startTestWorkers,
  type JobTestContext,
} from '../testing/job-test-context.ts';
import { createBuilding } from '../testing/fixtures.ts';
import type { trackJobs } from '../testing/job-tracker.ts';
import type { RunningWorkers } from '../start-workers.ts';
import { enqueueDeviceEvaluation } from './alert-triggers.ts';
import { seedDefaultAlertRules } from './default-alert-rules.ts';

const MOSQUITTO = 'mqtt://127.0.0.1:1883';
const SENSOR = 'LS-0301-01';
const T0 = Date.parse('2026-07-01T02:00:00Z');
/** The one incident every caller of these tests reports, acknowledges or resolves. */
const INCIDENT = deviceIncidentKey('logistics', SENSOR, 'LEAK');

/**
 * The logistics source as hub.config.yaml has it, reduced to its MQTT alarms under a topic root and a
 * persistent session of the test's own, drained by each sync (no live follower).
 */
function alarmSource(root: string, clientId: string): HubConfig {
  return parseHubConfig(
    `
version: 1
sources:
  logistics:
    connectors:
      - kind: mqtt
        connection: { url: '${MOSQUITTO}', clientId: ${clientId}, idleMs: 150 }
        streams:
          - { name: alarms, topic: '${root}/+/+/+/+/alarm', mapping: logistics/alarms }
`,
    'test.hub.config.yaml',
    {},
  );
}

/** Who changed the alert: the sensor's alarm (sync writer), the leak rule (jobs) or an operator. */
type Caller = 'alarm' | 'rule' | 'operator';

describe.each(BACKENDS)('one water leak, one alert (queues on %s)', (kind) => {
  let ctx: JobTestContext;
  let running: RunningWorkers;
  let tracker: ReturnType<typeof trackJobs>;
  let deviceId: number;
  let publisher: MqttClient;
  let config: HubConfig;
  let root: string;
  let clientId: string;
  /** Every change, in the order the callers made them. */
  let timeline: [Caller, AlertChange][];

  beforeEach(async () => {
    ctx = await createJobTestContext(kind);
    ({ running, tracker } = await startTestWorkers(ctx, { kinds: ['alerts'] }));
    await seedDefaultAlertRules(ctx.db.prisma);
    const building = await createBuilding(ctx.db.prisma, 'FZX-A03');
    const sensor = await ctx.db.prisma.device.create({
      data: {
        code: SENSOR,
        type: 'LEAK',
        buildingId: building.id,
        source: 'logistics',
        externalId: SENSOR,
        contentHash: SENSOR,
      },
    });
    deviceId = sensor.id;
    timeline = [];
    root = `test-${randomUUID().slice(0, 8)}/zhhq`;
    clientId = `hub-test-${randomUUID().slice(0, 8)}`;
    config = alarmSource(root, clientId);
    // The hub's session as an earlier run leaves it: what is published from now on is queued for it.
    const session = await mqtt.connectAsync(MOSQUITTO, { clientId, clean: false });
    await session.subscribeAsync(`${root}/+/+/+/+/alarm`, { qos: 1 });
    await session.endAsync();
    publisher = await mqtt.connectAsync(MOSQUITTO, { clientId: `${clientId}-pub` });
  });

  afterEach(async () => {
    await publisher.endAsync();
    await (await mqtt.connectAsync(MOSQUITTO, { clientId, clean: true })).endAsync();
    await running.close();
    await ctx.cleanup();
  });

  /** The sensor's `leak` reading at T0 + seconds, evaluated by the rules as the live ingest has it. */
  async function reading(seconds: number, value: 0 | 1): Promise<void> {
    const before = ctx.published('alertChanged').length;
    const time = new Date(T0 + seconds * 1000);
    await ctx.db.prisma.reading.create({
      data: { deviceId, metric: 'leak', value, time, source: 'logistics' },
    });
    const { jobId } = await enqueueDeviceEvaluation(ctx.queues, [deviceId]);
    expect((await tracker.finished(jobId)).error).toBeUndefined();
    for (const change of ctx.published('alertChanged').slice(before)) timeline.push(['rule', change.change]);
  }

  /**
   * The sensor's own MQTT alarm, published to the broker and written by a sync of the logistics
   * source: the mqtt kind reads it, the logistics mapping maps it and the sync writer hands it to the
   * alert lifecycle inside its batch transaction.
   */
  async function alarm(seconds: number, state: 'raise' | 'clear'): Promise<void> {
    const payload = {
      alarmId: `AL-${seconds}`,
      deviceCode: SENSOR,
      deviceType: 'loushui',
      alarmType: 'LEAK',
      alarmName: '漏水报警',
      level: 1,
      state,
      value: state === 'raise' ? 1 : 0,
      ts: T0 + seconds * 1000,
    };
    await publisher.publishAsync(`${root}/lou03/1F/loushui/${SENSOR}/alarm`, JSON.stringify(payload), {
      qos: 1,
    });
    const run = await runSync({
      databaseUrl: ctx.db.url,
      config,
      source: 'logistics',
      trigger: 'test',
      onAlertChanged: (change) => timeline.push(['alarm', change.change]),
    });
    expect(run.status, run.error?.message).toBe('SUCCEEDED');
    expect(run.read).toBe(1);
  }

  /** An operator's mutation, as the GraphQL resolvers run it: the lifecycle in its own transaction. */
  async function operator(action: 'acknowledge' | 'resolve'): Promise<void> {
    const alert = await ctx.db.prisma.alert.findFirstOrThrow({
      where: { dedupeKey: INCIDENT },
      orderBy: { id: 'desc' },
    });
    const change =
      action === 'acknowledge'
        ? await acknowledgeAlert(ctx.db.sql, alert.id, 'test operator')
        : await resolveAlert(ctx.db.sql, alert.id, 'test operator', 'valve closed');
    timeline.push(['operator', change.change]);
  }

  const alerts = () =>
    ctx.db.prisma.alert.findMany({
      where: { deviceId },
      orderBy: { id: 'asc' },
      select: { kind: true, status: true, severity: true, occurrences: true },
    });

  it('the device’s alarm first: the leak rule updates that alert and a dry reading resolves it', async () => {
    await alarm(0, 'raise');
    await reading(1, 1);
    await reading(30, 1);
    expect(await alerts()).toEqual([{ kind: 'LEAK', status: 'OPEN', severity: 'CRITICAL', occurrences: 3 }]);

    await reading(60, 0);
    expect(await alerts()).toEqual([
      { kind: 'LEAK', status: 'RESOLVED', severity: 'CRITICAL', occurrences: 3 },
    ]);
    expect(ctx.published('alertChanged').map((change) => change.change)).toEqual([
      'REPEATED',
      'REPEATED',
      'RESOLVED',
    ]);
    expect(timeline).toEqual([
      ['alarm', 'RAISED'],
      ['rule', 'REPEATED'],
      ['rule', 'REPEATED'],
      ['rule', 'RESOLVED'],
    ]);
  });

  it('the reading first: the device’s alarm joins the rule’s alert and its clear resolves it', async () => {
    await reading(0, 1);
    await alarm(1, 'raise');
    expect(await alerts()).toEqual([{ kind: 'LEAK', status: 'OPEN', severity: 'CRITICAL', occurrences: 2 }]);

    await alarm(60, 'clear');
    await reading(61, 0);
    expect(await alerts()).toEqual([
      { kind: 'LEAK', status: 'RESOLVED', severity: 'CRITICAL', occurrences: 2 },
    ]);
    expect(timeline).toEqual([
      ['rule', 'RAISED'],
      ['alarm', 'REPEATED'],
      ['alarm', 'RESOLVED'],
    ]);
  });

  it('acknowledged between: the rule and the alarm repeat the acknowledged alert, a work order links to it, the clear resolves it', async () => {
    await alarm(0, 'raise');
    await operator('acknowledge');
    await reading(10, 1);
    await alarm(20, 'raise');
    const [open] = await ctx.db.prisma.alert.findMany({ where: { dedupeKey: INCIDENT } });
    expect(open).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedBy: 'test operator', occurrences: 3 });
    await linkWorkOrder(ctx.db.sql, open!.id, { priority: 2 }, 'test operator');

    await alarm(30, 'clear');
    await reading(40, 0);
    expect(await alerts()).toEqual([
      { kind: 'LEAK', status: 'RESOLVED', severity: 'CRITICAL', occurrences: 3 },
    ]);
    expect(await ctx.db.prisma.workOrder.count({ where: { alertId: open!.id } })).toBe(1);
    expect(timeline).toEqual([
      ['alarm', 'RAISED'],
      ['operator', 'ACKNOWLEDGED'],
      ['rule', 'REPEATED'],
      ['alarm', 'REPEATED'],
      ['alarm', 'RESOLVED'],
    ]);
  });

  it('cleared after an operator resolved it: the clear and a dry reading change nothing, the next leak is a new alert', async () => {
    await reading(0, 1);
    await alarm(5, 'raise');
    await operator('resolve');
    await alarm(20, 'clear');
    await reading(25, 0);
    const [resolved] = await ctx.db.prisma.alert.findMany({ where: { dedupeKey: INCIDENT } });
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolvedBy: 'test operator', occurrences: 2 });
    await expect(linkWorkOrder(ctx.db.sql, resolved!.id, {}, 'test operator')).rejects.toMatchObject({
      field: 'fromAlert',
    });

    await alarm(90, 'raise');
    expect(await alerts()).toEqual([
      { kind: 'LEAK', status: 'RESOLVED', severity: 'CRITICAL', occurrences: 2 },
      { kind: 'LEAK', status: 'OPEN', severity: 'CRITICAL', occurrences: 1 },
    ]);
    expect(timeline).toEqual([
      ['rule', 'RAISED'],
      ['alarm', 'REPEATED'],
      ['operator', 'RESOLVED'],
      ['alarm', 'RAISED'],
    ]);
  });
});
