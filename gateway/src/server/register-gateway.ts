import fastifyWebsocket from '@fastify/websocket';
import type { PrismaClient, EventBus } from '@district-hub/schema';
import { createSqlDb } from '@district-hub/schema/database';
import { getSchema, type TriggerSync } from '@district-hub/schema/graphql';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import { createAuthenticator } from '../auth/authenticator.ts';
import { createRateLimiter } from '../guards/rate-limiter.ts';
import { loadTrustedDocuments } from '../guards/trusted-documents.ts';
import { createGatewayMetrics } from '../metrics/gateway-metrics.ts';
import { createApolloServer } from './apollo-server.ts';
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
  events: EventBus;
  /** When set, rate limits are shared by every replica through it. */
  redis?: Redis;
  /** What `triggerSync` does; without it the mutation answers that syncs are not available here. */
  triggerSync?: TriggerSync;
  options?: GatewayOptionsInput;
}

export interface Gateway {
  options: ResolvedGatewayOptions;
  /** Stops Apollo; the Fastify instance is closed by its owner. */
  close(): Promise<void>;
}

/**
 * Adds the hub's API to a Fastify app: `/graphql` over HTTP (GET, POST) and WebSocket (graphql-ws),
 * and `/metrics` (Prometheus text). Health routes and static files belong to the process entry.
 */
export async function registerGateway(app: FastifyInstance, deps: GatewayDeps): Promise<Gateway> {
  const options = resolveGatewayOptions(deps.options);
  const schema = getSchema();
  const trustedDocuments = loadTrustedDocuments(options.trustedDocumentsDirs);
  const metrics = createGatewayMetrics(deps.prisma);
  const authenticate = createAuthenticator(deps.prisma, options.authCacheMs);
  const rateLimit = createRateLimiter({ ...options.rateLimit, prefix: options.redisPrefix }, deps.redis);
  const apollo = createApolloServer(schema, options, trustedDocuments, metrics);
  await apollo.start();

  if (!app.hasDecorator('websocketServer')) await app.register(fastifyWebsocket);
  const contextDeps = { ...deps, sql: createSqlDb(deps.sql) };
  const wsHandler = createWebSocketHandler({
    ...contextDeps,
    schema,
    authenticate,
    rateLimit,
    metrics,
    trustedDocuments,
    options,
  });
  registerHttpRoute(app, { ...contextDeps, apollo, authenticate, rateLimit, options }, wsHandler);

  app.get('/metrics', async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  return {
    options,
    close: () => apollo.stop(),
  };
}
