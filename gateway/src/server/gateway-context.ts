import type { PrismaClient, ApiKeyIdentity, EventBus } from '@district-hub/schema';
import type { SqlDb } from '@district-hub/schema/database';
import { createLoaders, type GraphQLContext, type TriggerSync } from '@district-hub/schema/graphql';
import type { FastifyBaseLogger } from 'fastify';

/** The schema's context plus what the gateway's plugins need: the request's logger and id. */
export interface GatewayContext extends GraphQLContext {
  log: FastifyBaseLogger;
  requestId: string;
}

export interface ContextDeps {
  prisma: PrismaClient;
  sql: SqlDb;
  events: EventBus;
  triggerSync?: TriggerSync;
}

/**
 * A fresh context per operation. Loaders cache within an HTTP operation; a subscription lives for
 * hours, so its loaders only batch (a cached latest reading would go stale between events).
 */
export function createGatewayContext(
  deps: ContextDeps,
  viewer: ApiKeyIdentity,
  log: FastifyBaseLogger,
  requestId: string,
  cache: boolean,
): GatewayContext {
  return {
    prisma: deps.prisma,
    sql: deps.sql,
    events: deps.events,
    triggerSync: deps.triggerSync,
    viewer,
    loaders: createLoaders(deps.sql, { cache }),
    log,
    requestId,
  };
}
