import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logisticsAlarms, writeAlert, type AlertInput } from '@district-hub/connectors';
import type { MappedEntity } from '@district-hub/connectors';
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

const SENSOR = 'LS-0301-01';
const T0 = Date.parse('2026-07-01T02:00:00Z');

describe.each(BACKENDS)('one water leak, one alert (queues on %s)', (kind) => {
  let ctx: JobTestContext;
  let running: RunningWorkers;
  let tracker: ReturnType<typeof trackJobs>;
  let deviceId: number;

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
  });

  afterEach(async () => {
    await running.close();
    await ctx.cleanup();
  });

  /** The sensor's `leak` reading at T0 + seconds, evaluated by the rules as the live ingest has it. */
  async function reading(seconds: number, value: 0 | 1): Promise<void> {
    const time = new Date(T0 + seconds * 1000);
    await ctx.db.prisma.reading.create({
      data: { deviceId, metric: 'leak', value, time, source: 'logistics' },
    });
    const { jobId } = await enqueueDeviceEvaluation(ctx.queues, deviceId);
    expect((await tracker.finished(jobId)).error).toBeUndefined();
  }

  /** The sensor's own MQTT alarm, through the logistics mapping and the alert writer, in one commit. */
  async function alarm(seconds: number, state: 'raise' | 'clear'): Promise<void> {
    const payload = {
      alarmId: `AL-${seconds}`,
      deviceCode: SENSOR,
      alarmType: 'LEAK',
      alarmName: '漏水报警',
      level: 1,
      state,
      value: state === 'raise' ? 1 : 0,
      ts: T0 + seconds * 1000,
    };
    const context = { source: 'logistics', stream: 'alarms', timeZone: 'Asia/Shanghai', options: {} };
    const mapped = logisticsAlarms.map({ topic: `zhhq/lou03/1F/loushui/${SENSOR}/alarm`, payload }, context);
    const { fields, cleared } = mapped as MappedEntity;
    const client = new pg.Client({ connectionString: ctx.db.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await writeAlert(client, 'logistics', {
        fields: { ...(fields as AlertInput['fields']), deviceId },
        cleared: cleared === true,
      });
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
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
      'UPDATED',
      'UPDATED',
      'RESOLVED',
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
  });
});
