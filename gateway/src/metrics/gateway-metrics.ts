import type { ApolloServerPlugin } from '@apollo/server';
import type { PrismaClient } from '@district-hub/schema';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Operation names are chosen by clients; past this many distinct names new ones count as `other`. */
const MAX_OPERATION_NAMES = 200;

export interface GatewayMetrics {
  registry: Registry;
  apolloPlugin: ApolloServerPlugin;
  /** Counts a subscription start over WebSocket (HTTP operations are counted by the plugin). */
  countSubscription(operationName: string | undefined, outcome: 'ok' | 'error'): void;
}

/**
 * Prometheus metrics of one gateway, in a registry of its own (two gateways in one process, as in tests,
 * do not collide). Sync runs and open alerts are read from the database at scrape time, so every
 * replica reports the same truth without keeping state.
 */
export function createGatewayMetrics(prisma: PrismaClient): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hub_gateway_' });
  const known = new Set<string>();
  const label = (name: string | undefined | null) => {
    const value = name || 'anonymous';
    if (known.has(value)) return value;
    if (known.size >= MAX_OPERATION_NAMES) return 'other';
    known.add(value);
    return value;
  };

  const requests = new Counter({
    name: 'hub_graphql_requests_total',
    help: 'GraphQL operations by operation name, type and outcome.',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'hub_graphql_request_duration_seconds',
    help: 'GraphQL operation latency by operation name, from request to response.',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'hub_sync_runs',
    help: 'Sync runs recorded in the database, by source and status.',
    labelNames: ['source', 'status'] as const,
    registers: [registry],
    async collect() {
      const rows = await prisma.syncRun.groupBy({ by: ['sourceId', 'status'], _count: { _all: true } });
      this.reset();
      for (const row of rows) this.set({ source: row.sourceId, status: row.status }, row._count._all);
    },
  });
  new Gauge({
    name: 'hub_open_alerts',
    help: 'Alerts not yet resolved, by severity.',
    labelNames: ['severity'] as const,
    registers: [registry],
    async collect() {
      const rows = await prisma.alert.groupBy({
        by: ['severity'],
        where: { deletedAt: null, status: { not: 'RESOLVED' } },
        _count: { _all: true },
      });
      this.reset();
      for (const row of rows) this.set({ severity: row.severity }, row._count._all);
    },
  });

  const apolloPlugin: ApolloServerPlugin = {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse(context) {
          const operation = label(context.operationName ?? context.request.operationName);
          const type = context.operation?.operation ?? 'unknown';
          const outcome = context.errors?.length ? 'error' : 'ok';
          requests.inc({ operation, type, outcome });
          stop({ operation, type });
        },
      };
    },
  };

  return {
    registry,
    apolloPlugin,
    countSubscription(operationName, outcome) {
      requests.inc({ operation: label(operationName), type: 'subscription', outcome });
    },
  };
}
