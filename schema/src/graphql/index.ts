import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './user-errors.ts';
import './district.ts';
import './space.ts';
import './facilities.ts';
import './facilities-mutations.ts';
import './facilities-subscriptions.ts';
import './fleet.ts';
import './sync.ts';
import './assets.ts';
import './reports/space-reports.ts';
import './reports/fleet-summary.ts';
import './reports/energy-summary.ts';
import './reports/alert-stats.ts';
import './reallocation.ts';

export type { GraphQLContext, Viewer, TriggerSync } from './context.ts';
export { createLoaders, type HubLoaders, type LoaderOptions } from './loaders.ts';
export { roleAtLeast } from './roles.ts';
export {
  CONNECTION_DEFAULT_SIZE,
  CONNECTION_MAX_SIZE,
  connectionPageSize,
  type PageSizeArgs,
} from './connection-page.ts';
export { MAX_NODE_IDS } from './builder.ts';
export { declaredListSize, listSize, ASSUMED_LIST_SIZES, type ListSize } from './list-size.ts';
// The statements of the two hottest pages, compiled and not run, for gateway/bench/sql-builder.ts.
export {
  BUILDING_BASE_SELECT,
  FLOOR_SELECT,
  ROOM_SELECT,
  buildingPageStatement,
  roomPageStatement,
  type BuildingCount,
  type RoomPlacement,
} from './sql-reads/space-reads.ts';

let schema: GraphQLSchema | undefined;

/** The hub's GraphQL schema, built once per process. */
export function getSchema(): GraphQLSchema {
  schema ??= builder.toSchema({ sortSchema: false });
  return schema;
}

/** The SDL committed as `schema/schema.graphql`, sorted so it diffs cleanly. */
export function printHubSchema(): string {
  return `${printSchema(lexicographicSortSchema(getSchema()))}\n`;
}
