import fastifyWebsocket from '@fastify/websocket';
import type { PrismaClient, EventBus } from '@district-hub/schema';
import { createSqlDb } from '@district-hub/schema/database';
import { getSchema, type TriggerSync } from '@district-hub/schema/graphql';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Registry } from 'prom-client';
import { createAuthenticator, type Authenticate } from '../auth/authenticator.ts';
import { registerKeyExchange } from '../auth/key-exchange.ts';
import { createOperationGuard } from '../guards/operation-guard.ts';
import { createRateLimiter } from '../guards/rate-limiter.ts';
import { loadTrustedDocuments } from '../guards/trusted-documents.ts';
import { registerMetricsRoute } from '../http/metrics-route.ts';
import { createGatewayMetrics } from '../metrics/gateway-metrics.ts';
import { createHubMetrics } from '../metrics/hub-metrics.ts';
import { createApolloServer } from './apollo-server.ts';
import { MASKED_MESSAGE } from './error-format.ts';
import {
  resolveGatewayOptions,
  type GatewayOptionsInput,
  type ResolvedGatewayOptions,
} from './gateway-options.ts';
import { registerHttpRoute } from './http-route.ts';
import { createWebSocketHandler } from './websocket-handler.ts';

export interface GatewayDeps {
  /** Open it with `statementTimeoutMs` set: the database cancels any statement that runs too long. */
  prisma: PrismaClient;
  /** The pool Prisma runs on (`createSqlPool`): the hand-written SQL (Kysely) runs on it too. */
  sql: pg.Pool;
  /**
   * A client on a small pool of its own (`createSqlPool` with a connection timeout) for API keys and
   * the metrics' database gauges, so queries that fill the main pool cannot starve authentication;
   * default `prisma`.
   */
  control?: PrismaClient;
  events: EventBus;
  /** When set, rate limits are shared by every replica through it. */
  redis?: Redis;
  /** What `triggerSync` does; without it the mutation answers that syncs are not available here. */
  triggerSync?: TriggerSync;
  options?: GatewayOptionsInput;
}

export interface Gateway {
  options: ResolvedGatewayOptions;
  /** The gateway's key check, for the other routes of the process (dashboard, `/readyz` details). */
  authenticate: Authenticate;
  /** The process and GraphQL metrics, for a `/metrics` served elsewhere (`serveMetrics: false`). */
  metrics: Registry;
  /** Stops Apollo and the WebSocket key checks; the Fastify instance is closed by its owner. */
  close(): Promise<void>;
}

/**
 * Adds the hub's API to a Fastify app: `/graphql` over HTTP (GET, POST) and WebSocket (graphql-ws),
 * the `?key=` exchange for a session cookie on the app's pages, and `/metrics` (Prometheus text).
 * Health routes and static files belong to the process entry.
 */
export async function registerGateway(app: FastifyInstance, deps: GatewayDeps): Promise<Gateway> {
  const options = resolveGatewayOptions(deps.options);
  // Set before any route, so it covers every route of the app (the dashboard's, the probes'): a failure
  // the hub did not mean to show is answered with the masked message, its detail logged by request id.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status < 500)
      return reply.code(status).send({ error: error.code ?? 'request/bad_request', message: error.message });
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'INTERNAL_SERVER_ERROR', message: MASKED_MESSAGE });
  });
  const control = deps.control ?? deps.prisma;
  const schema = getSchema();
  const trustedDocuments = loadTrustedDocuments(options.trustedDocumentsDirs);
  const registry = createHubMetrics(control, { processPrefix: 'hub_gateway_' });
  const metrics = createGatewayMetrics(registry);
  const guard = createOperationGuard(schema, options.limits, {
    introspection: options.introspection,
    onAnalysis: (seconds) => metrics.observeAnalysis(seconds),
    onRefusal: (error) => metrics.countRefusal(error),
  });
  const authenticator = createAuthenticator(control, {
    cacheMs: options.authCacheMs,
    negativeCacheMs: options.authNegativeCacheMs,
    maxFailures: options.authFailures.max,
    failureWindowMs: options.authFailures.windowMs,
  });
  const { authenticate } = authenticator;
  const rateLimit = createRateLimiter(
    { ...options.rateLimit, prefix: options.redisPrefix },
    deps.redis,
    app.log.child({ component: 'rate-limiter' }),
  );
  const apollo = createApolloServer(schema, options, guard, trustedDocuments, metrics);
  await apollo.start();

  if (!app.hasDecorator('websocketServer')) {
    // ws' default message limit is 100 MiB: a socket may send no more than an HTTP request may.
    await app.register(fastifyWebsocket, { options: { maxPayload: options.limits.bodyLimitBytes } });
  }
  const contextDeps = { ...deps, sql: createSqlDb(deps.sql) };
  const ws = createWebSocketHandler({
    ...contextDeps,
    schema,
    authenticator,
    rateLimit,
    guard,
    metrics,
    trustedDocuments,
    options,
  });
  registerHttpRoute(app, { ...contextDeps, apollo, authenticate, rateLimit, options }, ws.handler);
  registerKeyExchange(app, authenticate, options.path);
  if (options.serveMetrics) registerMetricsRoute(app, registry, options.metricsToken);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  return {
    options,
    authenticate,
    metrics: registry,
    close: async () => {
      ws.close();
      await apollo.stop();
    },
  };
}
