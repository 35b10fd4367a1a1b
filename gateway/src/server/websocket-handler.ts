import type { ApiKeyIdentity } from '@district-hub/schema';
import { HubError } from '@district-hub/schema';
import { makeHandler } from 'graphql-ws/use/@fastify/websocket';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { Authenticate } from '../auth/authenticator.ts';
import { enforceOperationLimits } from '../guards/operation-limits.ts';
import type { RateLimiter } from '../guards/rate-limiter.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { createErrorFormatter } from './error-format.ts';
import { logGraphQLErrors } from './error-log.ts';
import { createGatewayContext, type ContextDeps } from './gateway-context.ts';
import type { ResolvedGatewayOptions } from './gateway-options.ts';

export interface WebSocketDeps extends ContextDeps {
  schema: GraphQLSchema;
  authenticate: Authenticate;
  rateLimit: RateLimiter;
  metrics: GatewayMetrics;
  trustedDocuments: Map<string, string>;
  options: ResolvedGatewayOptions;
}

function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof HubError && error.exposeToClient) {
    return new GraphQLError(error.message, { extensions: { code: error.code, ...error.details } });
  }
  throw error;
}

/**
 * graphql-ws on the same path as HTTP, with the same rules: the key is checked in `onConnect` (from
 * `connectionParams.authorization`, or the upgrade request's Authorization header), and every
 * subscribe passes the rate limit, validation (introspection off when configured), the depth, alias
 * and cost limits, and the schema's role scopes, exactly like an HTTP operation.
 */
export function createWebSocketHandler(deps: WebSocketDeps) {
  const { schema, options } = deps;
  const rules = options.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  const format = createErrorFormatter(options);
  const identities = new WeakMap<object, ApiKeyIdentity>();

  return makeHandler({
    schema,
    onConnect: async (ctx) => {
      const params = ctx.connectionParams ?? {};
      const header = typeof params.authorization === 'string' ? params.authorization : undefined;
      try {
        identities.set(ctx, await deps.authenticate(header ?? ctx.extra.request.headers.authorization));
        return true;
      } catch (error) {
        ctx.extra.request.log.info({ err: error }, 'websocket connection refused');
        // 4403 Forbidden closes the socket; graphql-ws clients surface it as a close event.
        return false;
      }
    },
    onSubscribe: async (ctx, _id, payload) => {
      const identity = identities.get(ctx);
      if (!identity)
        return [new GraphQLError('not authenticated', { extensions: { code: 'auth/unauthenticated' } })];
      try {
        await deps.rateLimit(identity.keyId);
        const hash = (payload.extensions?.persistedQuery as { sha256Hash?: string } | undefined)?.sha256Hash;
        const source = payload.query || (hash ? deps.trustedDocuments.get(hash) : undefined);
        if (!source)
          return [
            new GraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }),
          ];
        let document: DocumentNode;
        try {
          document = parse(source);
        } catch (error) {
          return [toGraphQLError(error)];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('no operation to run in the document')];
        enforceOperationLimits(schema, document, operation, payload.variables ?? undefined, options.limits);
        deps.metrics.countSubscription(payload.operationName ?? undefined, 'ok');
        const request = ctx.extra.request;
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: createGatewayContext(deps, identity, request.log, String(request.id), false),
        };
      } catch (error) {
        deps.metrics.countSubscription(payload.operationName ?? undefined, 'error');
        return [toGraphQLError(error)];
      }
    },
    // Execution errors go out in `next` messages, request errors in `error` messages: mask both alike.
    onNext: (ctx, _id, _payload, args, result) => {
      if (!result.errors) return result;
      const operation = getOperationAST(args.document, args.operationName);
      logGraphQLErrors(ctx.extra.request.log, result.errors, operation?.name?.value);
      return { ...result, errors: result.errors.map((error) => format(error.toJSON(), error)) };
    },
    onError: (_ctx, _id, _payload, errors) => errors.map((error) => format(error.toJSON(), error)),
  });
}
