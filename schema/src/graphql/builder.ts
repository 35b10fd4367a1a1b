import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin, { AuthScopeFailureType, type AuthFailure } from '@pothos/plugin-scope-auth';
import { HubError } from '../errors/index.ts';
import type { Role } from '../generated/prisma/enums.ts';
import type PrismaTypes from '../generated/pothos-types.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import type { GraphQLContext } from './context.ts';
import { roleAtLeast } from './roles.ts';
import { parseDateTime, parseDateTimeLiteral, serializeDateTime, serializeDecimal } from './scalars.ts';

/** Connection page sizes: `first` defaults to 50 and is capped at 500 on every list. */
export const CONNECTION_DEFAULT_SIZE = 50;
export const CONNECTION_MAX_SIZE = 500;

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
    maxConnectionSize: CONNECTION_MAX_SIZE,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
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
