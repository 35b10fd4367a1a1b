import type { PrismaClient } from '../database/prisma-client.ts';
import type { SqlDb } from '../database/sql-db.ts';
import type { EventBus } from '../events/index.ts';
import type { Role } from '../generated/prisma/enums.ts';
import type { HubLoaders } from './loaders.ts';

/** Who is asking: the API key the gateway authenticated. Resolvers never see the key itself. */
export interface Viewer {
  keyId: number;
  name: string;
  role: Role;
}

/** Starts a sync of one source; the gateway gets it from the process that owns the queues. */
export type TriggerSync = (
  source: string,
  full: boolean,
  actor: Viewer,
) => Promise<{ runId?: number | null; jobId?: string | null }>;

/**
 * One per GraphQL operation. The gateway authenticates before it builds this, so `viewer` is always set;
 * `loaders` are fresh per operation so batching never leaks rows across requests or roles.
 */
export interface GraphQLContext {
  prisma: PrismaClient;
  /** Hand-written SQL (Kysely on the pool Prisma runs on): the hot read paths, see `sql-reads/`. */
  sql: SqlDb;
  events: EventBus;
  viewer: Viewer;
  loaders: HubLoaders;
  triggerSync?: TriggerSync;
}
