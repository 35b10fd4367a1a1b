import {
  Queue,
  QueueEvents,
  Worker,
  createPostgresBackend,
  type BackendFactory,
  type Processor,
  type QueueOptions,
  type WorkerOptions,
} from 'bullmq';
import { z } from 'zod';
import { resolveOptions } from './defined-options.ts';

export type QueueBackendKind = 'redis' | 'postgres';

export interface QueueBackendOptions {
  /** Redis URL; when set (and `backend` is not), BullMQ runs on Redis. Default: none. */
  redisUrl?: string;
  /** The hub's PostgreSQL URL; BullMQ's PostgreSQL backend keeps its tables in `postgresSchema` there. */
  databaseUrl?: string;
  /**
   * Forces the engine (`QUEUE_BACKEND`); default: `redis` when `redisUrl` is set, else `postgres`, so the
   * embedded shape needs no Redis and a production shape with Redis uses it.
   */
  backend?: QueueBackendKind;
  /**
   * Namespace of every queue: the Redis key prefix, or on PostgreSQL the schema name. Default `hub`.
   * Tests pass `test-<uuid>` so parallel runs never see each other's jobs.
   */
  prefix?: string;
  /**
   * Connections in each BullMQ PostgreSQL pool (one per Queue/Worker, plus a LISTEN client each).
   * Default 2: a worker holds one job at a time, and the hub database has other users.
   */
  postgresPoolSize?: number;
}

const DEFAULTS = { prefix: 'hub', postgresPoolSize: 2 } satisfies Partial<QueueBackendOptions>;

const optionsSchema = z
  .object({
    redisUrl: z.url().optional(),
    databaseUrl: z.url().optional(),
    backend: z.enum(['redis', 'postgres']).optional(),
    prefix: z.string().regex(/^[\w-]+$/, 'letters, digits, _ or -'),
    postgresPoolSize: z.int().min(1).max(50),
  })
  .superRefine((options, ctx) => {
    const kind = options.backend ?? (options.redisUrl ? 'redis' : 'postgres');
    if (kind === 'redis' && !options.redisUrl) {
      ctx.addIssue({ code: 'custom', message: 'QUEUE_BACKEND=redis needs REDIS_URL', path: ['redisUrl'] });
    }
    if (kind === 'postgres' && !options.databaseUrl) {
      ctx.addIssue({
        code: 'custom',
        message: 'the PostgreSQL queue backend needs DATABASE_URL',
        path: ['databaseUrl'],
      });
    }
  });

/**
 * The one queue engine of the hub, BullMQ, bound to where its state lives. Every queue, worker and
 * event listener is built through this object, so the rest of the jobs package never asks which
 * backend it runs on: the same code serves Redis and PostgreSQL.
 */
export interface QueueBackend {
  readonly kind: QueueBackendKind;
  readonly prefix: string;
  createQueue<Data = unknown>(name: string, options?: Partial<QueueOptions>): Queue<Data>;
  createWorker<Data = unknown, Result = unknown>(
    name: string,
    processor: Processor<Data, Result>,
    options?: Partial<WorkerOptions>,
  ): Worker<Data, Result>;
  createQueueEvents(name: string): QueueEvents;
}

export function createQueueBackend(input: QueueBackendOptions): QueueBackend {
  const options = resolveOptions('queue backend options', optionsSchema, DEFAULTS, input);
  const kind: QueueBackendKind = options.backend ?? (options.redisUrl ? 'redis' : 'postgres');
  const { connection, factory } =
    kind === 'redis'
      ? {
          // Workers block on Redis; BullMQ requires requests to wait out a reconnect instead of failing.
          connection: { url: options.redisUrl, maxRetriesPerRequest: null },
          factory: undefined,
        }
      : {
          connection: {
            connectionString: options.databaseUrl,
            // PostgreSQL folds unquoted names to lower case and has no '-' in bare identifiers.
            schema: `bullmq_${options.prefix.toLowerCase().replace(/-/g, '_')}`,
            migrate: true,
            max: options.postgresPoolSize,
          },
          factory: createPostgresBackend as BackendFactory,
        };
  // BullMQ's constructors are typed per backend; the hub treats both alike, so the casts live here only.
  const base = { connection, prefix: options.prefix } as QueueOptions;
  return {
    kind,
    prefix: options.prefix,
    createQueue: <Data>(name: string, extra: Partial<QueueOptions> = {}) =>
      new Queue<Data>(name, { ...base, ...extra }, factory as undefined),
    createWorker: <Data, Result>(
      name: string,
      processor: Processor<Data, Result>,
      extra: Partial<WorkerOptions> = {},
    ) => new Worker<Data, Result>(name, processor, { ...base, ...extra }, factory as undefined),
    createQueueEvents: (name: string) => new QueueEvents(name, base, factory as undefined),
  };
}
