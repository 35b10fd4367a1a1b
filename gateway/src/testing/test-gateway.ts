import { randomUUID } from 'node:crypto';
import {
  createApiKey,
  createEventBus,
  createLogger,
  type EventBus,
  type PrismaClient,
} from '@district-hub/schema';
import { createPrismaClient, createSqlPool } from '@district-hub/schema/database';
import type pg from 'pg';
import type { TriggerSync } from '@district-hub/schema/graphql';
import type { Role } from '@district-hub/schema';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import type { Authenticate } from '../auth/authenticator.ts';
import { gatewayFastifyOptions } from '../server/fastify-options.ts';
import { registerGateway } from '../server/register-gateway.ts';
import type { GatewayOptionsInput } from '../server/gateway-options.ts';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestGatewayOptions {
  /** Database the gateway reads (a `createTestDatabase()` url). */
  databaseUrl: string;
  /** Clients of that database to serve with (e.g. counting ones, closed by their owner); default new ones. */
  clients?: { prisma: PrismaClient; sql: pg.Pool };
  /** Share one prefix between two gateways to make them replicas; default a fresh `test-<uuid>`. */
  prefix?: string;
  /** Use Redis for pub/sub and rate limits (the shared one, or the one at this URL); default in process. */
  redis?: boolean | string;
  /** The main pool's size and connection timeout (new clients only); default 10 and none. */
  pool?: { max?: number; connectionTimeoutMs?: number };
  options?: GatewayOptionsInput;
  triggerSync?: TriggerSync;
  /** Receives the gateway's JSON log lines (level info and above); default no log. */
  logStream?: { write(line: string): void };
}

export interface TestGateway {
  url: string;
  wsUrl: string;
  prisma: PrismaClient;
  /** The main pool (queries of GraphQL operations), unless the test gave its own clients. */
  sql: pg.Pool;
  events: EventBus;
  /** The gateway's key check, as the process's other routes use it. */
  authenticate: Authenticate;
  /** One plaintext key per role, created in the gateway's database. */
  keys: Record<Role, string>;
  close(): Promise<void>;
}

/**
 * A real gateway on a free loopback port against a test database, as integration tests need it. Its
 * own clients are laid out as the hub's are: a main pool, and a small control pool for API keys and
 * metrics.
 */
export async function startTestGateway(input: TestGatewayOptions): Promise<TestGateway> {
  const prefix = input.prefix ?? `test-${randomUUID()}`;
  const sql =
    input.clients?.sql ?? createSqlPool(input.databaseUrl, { statementTimeoutMs: 10_000, ...input.pool });
  const prisma = input.clients?.prisma ?? createPrismaClient(input.databaseUrl, { pool: sql });
  const controlSql = input.clients
    ? undefined
    : createSqlPool(input.databaseUrl, { max: 2, connectionTimeoutMs: 2_000, statementTimeoutMs: 5_000 });
  const control = controlSql && createPrismaClient(input.databaseUrl, { pool: controlSql });
  const redisUrl = typeof input.redis === 'string' ? input.redis : input.redis ? TEST_REDIS_URL : undefined;
  const events = createEventBus(redisUrl, { prefix });
  // Few retries, as the hub's own client: a stopped Redis must not hold requests for long.
  const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 2 }) : undefined;
  redis?.on('error', () => undefined);
  // Logging, it is configured as the hub configures it (request ids in every line, keys masked).
  const app = Fastify(
    gatewayFastifyOptions(
      input.logStream ? createLogger({ level: 'info', pretty: false, destination: input.logStream }) : false,
    ),
  );
  const gateway = await registerGateway(app, {
    prisma,
    sql,
    control,
    events,
    redis,
    triggerSync: input.triggerSync,
    options: { redisPrefix: prefix, ...input.options },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const keys = {} as Record<Role, string>;
  for (const role of ['INTEGRATOR', 'OPERATOR', 'ADMIN'] as const) {
    keys[role] = (await createApiKey(prisma, role, `test ${role.toLowerCase()}`)).key;
  }
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    prisma,
    sql,
    events,
    authenticate: gateway.authenticate,
    keys,
    async close() {
      await gateway.close();
      await app.close();
      await events.close();
      redis?.disconnect();
      if (!input.clients) {
        await prisma.$disconnect();
        await control?.$disconnect();
        await sql.end();
        await controlSql?.end();
      }
    },
  };
}
