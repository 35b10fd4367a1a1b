import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Operation names are chosen by clients; past this many distinct names new ones count as `other`. */
const MAX_OPERATION_NAMES = 200;

export interface GatewayMetrics {
  registry: Registry;
  apolloPlugin: ApolloServerPlugin;
  /** Counts a subscription start over WebSocket (HTTP operations are counted by the plugin). */
  countSubscription(operationName: string | undefined, outcome: 'ok' | 'error'): void;
  /** Counts an operation the guard refused, by the limit it named. */
  countRefusal(error: GraphQLError): void;
  /** Adds one analysis of the operation guard to `hub_graphql_guard_duration_seconds`. */
  observeAnalysis(seconds: number): void;
}

/**
 * The gateway's GraphQL metrics, added to the process's registry (hub-metrics.ts): operations by name,
 * type and outcome, their latency, the guard's refusals and the guard's own time, which the benchmark
 * reads as the guards' share of request time.
 */
export function createGatewayMetrics(registry: Registry): GatewayMetrics {
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
  const refusals = new Counter({
    name: 'hub_graphql_refused_total',
    help: 'Operations the guard refused before running them, by the limit named.',
    labelNames: ['limit'] as const,
    registers: [registry],
  });
  const guardTime = new Histogram({
    name: 'hub_graphql_guard_duration_seconds',
    help: 'Time the operation guard took per analysis (shape before validation, cost after).',
    buckets: [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05],
    registers: [registry],
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
    countRefusal(error) {
      const { limit } = error.extensions;
      refusals.inc({ limit: typeof limit === 'string' ? limit : 'other' });
    },
    observeAnalysis(seconds) {
      guardTime.observe(seconds);
    },
  };
}
