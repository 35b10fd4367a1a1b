import { ACTIVE_ALERT_WHERE, type PrismaClient } from '@district-hub/schema';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export interface HubMetricsOptions {
  /** Prefix of the process metrics (heap, event loop, …): `hub_gateway_` or `hub_worker_`. */
  processPrefix: string;
  /** How long the database gauges' answer is reused; default 10 s, so a scrape flood costs one query. */
  cacheMs?: number;
}

/** Runs `read` at most once per `cacheMs`; callers within that time share the last answer. */
function cached<T>(read: () => Promise<T>, cacheMs: number): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at >= cacheMs) {
      const value = read();
      last = { at: now, value };
      // A failed read is not kept: the next scrape asks again.
      value.catch(() => {
        if (last?.value === value) last = undefined;
      });
    }
    return last.value;
  };
}

/**
 * The metrics every hub process serves at `/metrics` (gateway and worker alike), in a registry of its
 * own (two gateways in one process, as in tests, do not collide): the process's, and the sync runs
 * and open alerts read from the database, so every replica reports the same truth without keeping
 * state. The gateway adds its GraphQL metrics to the same registry (gateway-metrics.ts).
 */
export function createHubMetrics(prisma: PrismaClient, options: HubMetricsOptions): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: options.processPrefix });
  const cacheMs = options.cacheMs ?? 10_000;
  const syncRuns = cached(
    () => prisma.syncRun.groupBy({ by: ['sourceId', 'status'], _count: { _all: true } }),
    cacheMs,
  );
  const openAlerts = cached(
    () =>
      prisma.alert.groupBy({
        by: ['severity'],
        where: ACTIVE_ALERT_WHERE,
        _count: { _all: true },
      }),
    cacheMs,
  );
  new Gauge({
    name: 'hub_sync_runs',
    help: 'Sync runs recorded in the database, by source and status.',
    labelNames: ['source', 'status'] as const,
    registers: [registry],
    async collect() {
      const rows = await syncRuns();
      this.reset();
      for (const row of rows) this.set({ source: row.sourceId, status: row.status }, row._count._all);
    },
  });
  new Gauge({
    name: 'hub_open_alerts',
    help: 'Active alerts (open or acknowledged), by severity.',
    labelNames: ['severity'] as const,
    registers: [registry],
    async collect() {
      const rows = await openAlerts();
      this.reset();
      for (const row of rows) this.set({ severity: row.severity }, row._count._all);
    },
  });
  return registry;
}
