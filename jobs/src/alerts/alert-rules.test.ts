import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ruleIncidentKey, type AlertChangedEvent } from '@district-hub/schema';
import {
  BACKENDS,
  createJobTestContext,
  startTestWorkers,
  type JobTestContext,
} from '../testing/job-test-context.ts';
import { createBuilding, createDevice } from '../testing/fixtures.ts';
import type { trackJobs } from '../testing/job-tracker.ts';
import type { RunningWorkers } from '../start-workers.ts';
import { enqueueDeviceEvaluation } from './alert-triggers.ts';
import { DEFAULT_ALERT_RULES, seedDefaultAlertRules } from './default-alert-rules.ts';

describe.each(BACKENDS)('alert rules on the %s queue backend', (kind) => {
  let ctx: JobTestContext;
  let running: RunningWorkers;
  let tracker: ReturnType<typeof trackJobs>;

  beforeEach(async () => {
    ctx = await createJobTestContext(kind);
    ({ running, tracker } = await startTestWorkers(ctx, { kinds: ['alerts'] }));
  });

  afterEach(async () => {
    await running.close();
    await ctx.cleanup();
  });

  async function evaluate(deviceId: number): Promise<void> {
    const { jobId } = await enqueueDeviceEvaluation(ctx.queues, [deviceId]);
    const finished = await tracker.finished(jobId);
    expect(finished.error).toBeUndefined();
  }

  it('raises one alert for a sustained breach, updates it while it lasts and resolves it when it ends', async () => {
    const prisma = ctx.db.prisma;
    const building = await createBuilding(prisma, 'B1');
    const sensor = await createDevice(prisma, { code: 'ENV-1', type: 'ENV', buildingId: building.id });
    const rule = await prisma.alertRule.create({
      data: {
        code: 'hot',
        name: 'Hot room',
        kind: 'THRESHOLD',
        deviceType: 'ENV',
        metric: 'temperature',
        comparator: '>',
        threshold: 30,
        durationSeconds: 60,
        severity: 'MINOR',
      },
    });
    const t0 = Date.parse('2026-07-01T02:00:00Z');
    const read = async (offsetSeconds: number, value: number) => {
      await prisma.reading.create({
        data: {
          deviceId: sensor.id,
          metric: 'temperature',
          value,
          time: new Date(t0 + offsetSeconds * 1000),
          source: 'test',
        },
      });
      await evaluate(sensor.id);
    };

    await read(0, 25);
    await read(10, 31);
    await read(40, 32); // 30 s over the limit: not yet the 60 s the rule asks for
    expect(ctx.published('alertChanged')).toEqual([]);

    await read(75, 33); // over since t0+10 s: 65 s
    await read(90, 34);
    await evaluate(sensor.id); // nothing new: no change
    await read(100, 29);

    const changes = ctx.published('alertChanged');
    expect(changes.map((change) => change.change)).toEqual(['RAISED', 'REPEATED', 'RESOLVED']);
    const alerts = await prisma.alert.findMany({
      where: { dedupeKey: ruleIncidentKey(rule.code, sensor.id) },
    });
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(changes.every((change: AlertChangedEvent) => change.alertId === alert!.id)).toBe(true);
    expect(alert).toMatchObject({
      status: 'RESOLVED',
      severity: 'MINOR',
      kind: 'THRESHOLD',
      occurrences: 2,
      value: 34,
      buildingId: building.id,
      ruleId: rule.id,
      raisedAt: new Date(t0 + 75_000),
      lastSeenAt: new Date(t0 + 90_000),
      resolvedAt: new Date(t0 + 100_000),
    });
  });

  it('raises a heartbeat alert for a silent device and resolves it when the device reports again', async () => {
    const prisma = ctx.db.prisma;
    const building = await createBuilding(prisma, 'B2');
    const silent = await createDevice(prisma, {
      code: 'LEAK-7',
      type: 'LEAK',
      buildingId: building.id,
      heartbeatSeconds: 60,
      lastSeenAt: new Date(Date.now() - 10 * 60_000),
    });
    await createDevice(prisma, {
      code: 'LEAK-8',
      type: 'LEAK',
      buildingId: building.id,
      heartbeatSeconds: 60,
      lastSeenAt: new Date(),
    });
    await prisma.alertRule.create({
      data: {
        code: 'silent',
        name: 'Device silent',
        kind: 'HEARTBEAT',
        durationSeconds: 30,
        severity: 'WARNING',
      },
    });

    const sweep = await ctx.queues.alerts.add('sweep', { kind: 'sweep' });
    expect((await tracker.finished(sweep.id!)).outcome).toBe('completed');
    const raised = await prisma.alert.findMany({ where: { status: 'OPEN' } });
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ kind: 'DEVICE_OFFLINE', deviceId: silent.id, severity: 'WARNING' });

    await prisma.reading.create({
      data: { deviceId: silent.id, metric: 'leak', value: 0, time: new Date(), source: 'test' },
    });
    await evaluate(silent.id);
    expect(ctx.published('alertChanged').map((change) => [change.change, change.deviceId])).toEqual([
      ['RAISED', silent.id],
      ['RESOLVED', silent.id],
    ]);
  });

  it('evaluates a device as soon as the MQTT connector publishes its reading', async () => {
    const prisma = ctx.db.prisma;
    await seedDefaultAlertRules(prisma);
    const building = await createBuilding(prisma, 'B3');
    const leak = await createDevice(prisma, { code: 'LEAK-1', type: 'LEAK', buildingId: building.id });
    const time = new Date();
    await prisma.reading.create({
      data: { deviceId: leak.id, metric: 'leak', value: 1, time, source: 'mqtt' },
    });
    await ctx.events.publish('reading', {
      deviceId: leak.id,
      metric: 'leak',
      value: 1,
      unit: null,
      time: time.toISOString(),
    });
    await expect.poll(() => ctx.published('alertChanged'), { timeout: 10_000 }).toHaveLength(1);
    expect(ctx.published('alertChanged')[0]).toMatchObject({
      change: 'RAISED',
      kind: 'LEAK',
      severity: 'MAJOR',
      deviceId: leak.id,
    });
  });

  it('evaluates the devices of a burst of readings in one job, each device once', async () => {
    const prisma = ctx.db.prisma;
    await seedDefaultAlertRules(prisma);
    const building = await createBuilding(prisma, 'B4');
    const time = new Date();
    const leaks = [];
    for (const code of ['LEAK-A', 'LEAK-B', 'LEAK-C']) {
      const leak = await createDevice(prisma, { code, type: 'LEAK', buildingId: building.id });
      await prisma.reading.create({
        data: { deviceId: leak.id, metric: 'leak', value: 1, time, source: 'mqtt' },
      });
      leaks.push(leak);
    }
    // Each sensor says it twice, as a redelivered batch would.
    for (const leak of [...leaks, ...leaks]) {
      await ctx.events.publish('reading', {
        deviceId: leak.id,
        metric: 'leak',
        value: 1,
        unit: null,
        time: time.toISOString(),
      });
    }
    await expect.poll(() => ctx.published('alertChanged'), { timeout: 10_000 }).toHaveLength(3);
    // The job's own completion is reported after the alerts it published.
    const evaluations = () => tracker.outcomes.filter((entry) => entry.job.data.kind === 'devices');
    await expect.poll(evaluations, { timeout: 5_000 }).toHaveLength(1);
    expect([...evaluations()[0]!.job.data.deviceIds].sort()).toEqual(leaks.map((leak) => leak.id).sort());
    expect(new Set(ctx.published('alertChanged').map((event) => event.deviceId))).toEqual(
      new Set(leaks.map((leak) => leak.id)),
    );
  });
});

describe('default alert rules', () => {
  it('are added once and leave an operator’s later edits alone', async () => {
    const ctx = await createJobTestContext('postgres');
    try {
      const prisma = ctx.db.prisma;
      expect(await seedDefaultAlertRules(prisma)).toBe(DEFAULT_ALERT_RULES.length);
      await prisma.alertRule.update({ where: { code: 'leak-detected' }, data: { severity: 'CRITICAL' } });
      expect(await seedDefaultAlertRules(prisma)).toBe(0);
      expect(await prisma.alertRule.count()).toBe(DEFAULT_ALERT_RULES.length);
      expect((await prisma.alertRule.findUnique({ where: { code: 'leak-detected' } }))?.severity).toBe(
        'CRITICAL',
      );
    } finally {
      await ctx.cleanup();
    }
  });
});
