import { z } from 'zod';
import { ConfigError, LOG_LEVELS } from '@district-hub/schema';

/** The hub's environment, every variable with its default; the README's configuration table mirrors it. */
const HubEnvSchema = z.object({
  /** HTTP port of the gateway (GraphQL, viewer, health, metrics). */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Port of a `--role worker` process's /healthz, /readyz and /metrics. */
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  /** Serve /metrics on this port instead of PORT (gateway roles), for a network only monitoring reaches. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** When set, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>` (16 characters or more). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Interface to listen on; loopback unless the hub is meant to be reached from other machines. */
  HOST: z.string().default('127.0.0.1'),
  /** PostgreSQL of the hub; unset runs the embedded server under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Local state: the embedded database, the demo's simulator files. */
  DATA_DIR: z.string().default('.data'),
  /** Redis for queues, pub/sub and rate limits; unset keeps all of it in PostgreSQL and in process. */
  REDIS_URL: z.string().url().optional(),
  /** Queue engine; default redis when REDIS_URL is set, else BullMQ's PostgreSQL backend. */
  QUEUE_BACKEND: z.enum(['redis', 'postgres']).optional(),
  /** The sources file. */
  HUB_CONFIG: z.string().default('hub.config.yaml'),
  /** Run the simulated source systems (the demo); default on with the embedded database, off otherwise. */
  SIMULATORS: z.enum(['on', 'off']).optional(),
  /** `production` turns introspection and field suggestions off. */
  NODE_ENV: z.string().default('development'),
  /** Lowest level logged. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** `pretty` lines for a person or `json` lines for a collector; default pretty on a terminal, else JSON. */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
});

export type HubEnv = z.infer<typeof HubEnvSchema>;

export function readHubEnv(env: NodeJS.ProcessEnv = process.env): HubEnv {
  const parsed = HubEnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ConfigError(`environment variable ${String(issue.path[0])}: ${issue.message}`, {
    variable: issue.path[0],
  });
}
