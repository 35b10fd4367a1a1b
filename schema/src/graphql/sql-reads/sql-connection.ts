import type { ObjectRef, SchemaTypes } from '@pothos/core';
import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import type { PageWindow } from './keyset-page.ts';

export interface SqlConnectionResult<Row> {
  edges: { cursor: string; node: Row }[];
  pageInfo: {
    startCursor: string | null;
    endCursor: string | null;
    hasPreviousPage: boolean;
    hasNextPage: boolean;
  };
  /** Counts every row the connection's filter selects; called only when `totalCount` is asked. */
  count?: () => Promise<number>;
}

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/**
 * The connection and edge types of a SQL-read connection, shaped as Relay's (and as the Pothos Relay
 * plugin names and types them), with plain fields: every field reads the result object with GraphQL's
 * default resolver, which the compiled executor inlines instead of calling a resolver per edge.
 */
export function sqlConnectionType<Types extends SchemaTypes, Row>(
  name: string,
  node: ObjectRef<Types, Row>,
  { totalCount }: { totalCount: boolean },
) {
  const edge = builder.objectRef<{ cursor: string; node: Row }>(`${name}Edge`).implement({
    fields: (t) => {
      // Pothos cannot check a generic row against the node type's shape; `Row` is that shape.
      const expose = t.expose.bind(t) as (field: 'node', options: { type: ObjectRef<Types, Row> }) => never;
      return { cursor: t.exposeString('cursor'), node: expose('node', { type: node }) };
    },
  });
  return builder.objectRef<SqlConnectionResult<Row>>(name).implement({
    fields: (t) => ({
      edges: t.expose('edges', { type: [edge] }),
      pageInfo: t.expose('pageInfo', { type: builder.pageInfoRef() }),
      ...(totalCount ? { totalCount: t.int({ resolve: (connection) => connection.count!() }) } : {}),
    }),
  });
}

/**
 * Resolves a Relay connection from SQL with exactly what `t.prismaConnection` would answer: the
 * Prisma plugin's own helpers turn first/last/after/before into a window (page sizes bounded by the
 * builder's default and maximum, the same `GPC:` cursors) and the rows into edges and pageInfo, so
 * integrators see no difference between a connection read by Prisma and one read here.
 */
export function sqlConnection<Row extends { id: number }>(model: 'Room' | 'Building') {
  const helpers = prismaConnectionHelpers(builder, model, { cursor: 'id' });
  return async (
    args: ConnectionArgs,
    context: GraphQLContext,
    read: (window: PageWindow) => Promise<Row[]>,
    count?: () => Promise<number>,
  ): Promise<SqlConnectionResult<Row>> => {
    const query = helpers.getQuery(args, context, () => null) as {
      take: number;
      cursor?: { id: number };
    };
    const rows = await read({ take: query.take, cursorId: query.cursor?.id });
    const { edges, pageInfo } = helpers.resolve(
      rows as never,
      args,
      context,
    ) as unknown as SqlConnectionResult<Row>;
    return { edges, pageInfo, count };
  };
}
