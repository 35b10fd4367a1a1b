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
  /** Use Redis for pub/sub and rate limits; default in process. */
  redis?: boolean;
  options?: GatewayOptionsInput;
  triggerSync?: TriggerSync;
  /** Receives the gateway's JSON log lines (level info and above); default no log. */
  logStream?: { write(line: string): void };
}

export interface TestGateway {
  url: string;
  wsUrl: string;
  prisma: PrismaClient;
  events: EventBus;
  /** One plaintext key per role, created in the gateway's database. */
  keys: Record<Role, string>;
  close(): Promise<void>;
}

/** A real gateway on a free loopback port against a test database, as integration tests need it. */
export async function startTestGateway(input: TestGatewayOptions): Promise<TestGateway> {
  const prefix = input.prefix ?? `test-${randomUUID()}`;
  const sql = input.clients?.sql ?? createSqlPool(input.databaseUrl, { statementTimeoutMs: 10_000 });
  const prisma = input.clients?.prisma ?? createPrismaClient(input.databaseUrl, { pool: sql });
  const events = createEventBus(input.redis ? TEST_REDIS_URL : undefined, { prefix });
  const redis = input.redis ? new Redis(TEST_REDIS_URL) : undefined;
  // Logging, it is configured as the hub configures it (request ids in every line, keys masked).
  const app = Fastify(
    gatewayFastifyOptions(
      input.logStream ? createLogger({ level: 'info', pretty: false, destination: input.logStream }) : false,
    ),
  );
  const gateway = await registerGateway(app, {
    prisma,
    sql,
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
    events,
    keys,
    async close() {
      await gateway.close();
      await app.close();
      await events.close();
      await redis?.quit();
      if (!input.clients) {
        await prisma.$disconnect();
        await sql.end();
      }
    },
  };
}
