import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin, { AuthScopeFailureType, type AuthFailure } from '@pothos/plugin-scope-auth';
import { InvalidInputError } from '../domain/domain-errors.ts';
import { HubError } from '../errors/index.ts';
import type { Role } from '../generated/prisma/enums.ts';
import type PrismaTypes from '../generated/pothos-types.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import type { GraphQLContext } from './context.ts';
import { CONNECTION_DEFAULT_SIZE, CONNECTION_MAX_SIZE, connectionPageSize } from './connection-page.ts';
import { listSize } from './list-size.ts';
import { roleAtLeast } from './roles.ts';
import { parseDateTime, parseDateTimeLiteral, serializeDateTime, serializeDecimal } from './scalars.ts';

/** `nodes(ids:)` loads this many ids at most: each is a lookup of its own. */
export const MAX_NODE_IDS = 100;

/** How many objects `nodes(ids:)` returns; refuses more than `MAX_NODE_IDS` ids, naming the limit. */
function nodeIdCount(ids: readonly unknown[]): number {
  if (ids.length > MAX_NODE_IDS) {
    throw new InvalidInputError(`nodes(ids:) takes at most ${MAX_NODE_IDS} ids; got ${ids.length}`, 'ids', {
      limit: 'ids',
      max: MAX_NODE_IDS,
      actual: ids.length,
    });
  }
  return ids.length;
}

/**
 * The Prisma plugin asks this for a connection's largest page with the field's arguments (its
 * `cursors.js` calls a function given here, although the option's type says number): refusing there
 * makes every connection, Prisma's and the SQL-read ones alike, refuse a page size the way the
 * gateway's cost guard does, instead of clamping it.
 */
const refuseOutOfRangePages = ((args: { first?: number | null; last?: number | null }) => {
  connectionPageSize(args);
  return CONNECTION_MAX_SIZE;
}) as unknown as number;

function neededRole(failure: AuthFailure): Role | undefined {
  if (failure.kind === AuthScopeFailureType.AuthScope) return failure.parameter as Role;
  if (
    failure.kind === AuthScopeFailureType.AnyAuthScopes ||
    failure.kind === AuthScopeFailureType.AllAuthScopes
  ) {
    return failure.failures.map(neededRole).find(Boolean);
  }
  return undefined;
}

/**
 * The Pothos builder every domain file adds to. It only wires plugins, scalars and the context; types
 * live in the domain files. Denials name the role needed (`auth/forbidden`), for fields, for types
 * reached through `node`/`nodes`, and for subscriptions at subscribe time.
 */
export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  AuthScopes: { role: Role };
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
    Decimal: { Input: string; Output: { toString(): string } | string };
    ID: { Input: string; Output: string | number | bigint };
  };
}>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin],
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (context) => ({ role: (needed: Role) => roleAtLeast(context.viewer.role, needed) }),
    unauthorizedError: (_parent, context, info, result) => {
      const needed = neededRole(result.failure);
      const where = `${info.parentType.name}.${info.fieldName}`;
      return new HubError(
        'auth/forbidden',
        needed
          ? `${where} requires role ${needed}; this key has role ${context.viewer.role}`
          : `${where}: not allowed for role ${context.viewer.role}`,
        { details: { neededRole: needed ?? null, role: context.viewer.role }, exposeToClient: true },
      );
    },
  },
  prisma: {
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
    defaultConnectionSize: CONNECTION_DEFAULT_SIZE,
    maxConnectionSize: refuseOutOfRangePages,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesQueryOptions: {
      description: `Objects by global id, in the order asked; at most ${MAX_NODE_IDS} ids.`,
      extensions: listSize((args) => nodeIdCount((args.ids as unknown[] | undefined) ?? [])),
      resolve: (_root, args, _context, _info, resolveNodes) => {
        nodeIdCount(args.ids);
        return resolveNodes(args.ids);
      },
    },
  },
  errors: {
    defaultTypes: [],
  },
});

builder.scalarType('DateTime', {
  description: 'An instant as an ISO-8601 string (UTC on output).',
  serialize: serializeDateTime,
  parseValue: parseDateTime,
  parseLiteral: parseDateTimeLiteral,
});

builder.scalarType('JSON', {
  description: 'Arbitrary JSON, e.g. a GeoJSON geometry (WGS-84).',
  serialize: (value) => value,
  parseValue: (value) => value,
});

builder.scalarType('Decimal', {
  description: 'An exact decimal (money) as a string.',
  serialize: serializeDecimal,
  parseValue: (value) => String(value),
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
