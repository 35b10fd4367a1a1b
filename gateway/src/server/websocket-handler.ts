import type { ApiKeyIdentity } from '@district-hub/schema';
import { HubError } from '@district-hub/schema';
import type { SubscribePayload } from 'graphql-ws';
import { makeHandler } from 'graphql-ws/use/@fastify/websocket';
import { GraphQLError, getOperationAST, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { Authenticator } from '../auth/authenticator.ts';
import { presentedCredential } from '../auth/session-cookie.ts';
import type { OperationGuard } from '../guards/operation-guard.ts';
import type { RateLimiter } from '../guards/rate-limiter.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { createErrorFormatter } from './error-format.ts';
import { logGraphQLErrors } from './error-log.ts';
import { createGatewayContext, type ContextDeps } from './gateway-context.ts';
import type { ResolvedGatewayOptions } from './gateway-options.ts';

/** The close code graphql-ws uses for "Forbidden"; the twin treats it as "ask for a key again". */
export const FORBIDDEN_CLOSE = 4403;

export interface WebSocketDeps extends ContextDeps {
  schema: GraphQLSchema;
  authenticator: Authenticator;
  rateLimit: RateLimiter;
  guard: OperationGuard;
  metrics: GatewayMetrics;
  trustedDocuments: Map<string, string>;
  options: ResolvedGatewayOptions;
}

export interface WebSocketGateway {
  /** The `wsHandler` of the `/graphql` route. */
  handler: ReturnType<typeof makeHandler>;
  /** Stops re-checking the keys of open sockets. */
  close(): void;
}

/** One open socket: the credential it connected with, who that was, and its subscriptions. */
interface Connection {
  authorization: string;
  identity: ApiKeyIdentity;
  subscriptions: Set<string>;
  close(reason: string): void;
}

function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof HubError && error.exposeToClient) {
    return new GraphQLError(error.message, { extensions: { code: error.code, ...error.details } });
  }
  throw error;
}

/**
 * A browser sends its cookies on a WebSocket upgrade to any site's page that opens one, and no CSRF
 * prevention covers upgrades: a socket that authenticates by the session cookie must come from a page
 * of this origin.
 */
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * graphql-ws on the same path as HTTP, with the same rules. The key comes from
 * `connectionParams.authorization`, the upgrade's Authorization header or the session cookie, and is
 * checked again at every subscribe (the cache makes that free); every subscribe also passes the rate
 * limit, the operation guard's parse options and `admit` (guards/operation-guard.ts: shape,
 * validation, cost) and the schema's role scopes, exactly like an HTTP operation.
 * Open sockets are re-checked against the database every `authCacheMs`: a revoked or expired key's
 * sockets close with 4403 within that time, subscriptions and all. A socket holds at most
 * `maxSubscriptionsPerConnection` subscriptions; messages are bounded by the body limit where the
 * WebSocket server is registered (register-gateway.ts).
 */
export function createWebSocketHandler(deps: WebSocketDeps): WebSocketGateway {
  const { schema, options, guard } = deps;
  const format = createErrorFormatter(options);
  const connections = new Map<object, Connection>();
  const max = options.maxSubscriptionsPerConnection;

  const sweep = setInterval(
    async () => {
      const byCredential = new Map<string, Connection[]>();
      for (const connection of connections.values()) {
        const list = byCredential.get(connection.authorization) ?? [];
        list.push(connection);
        byCredential.set(connection.authorization, list);
      }
      for (const [authorization, open] of byCredential) {
        // A database that does not answer now is not a revocation: the next sweep asks again.
        const identity = await deps.authenticator.recheck(authorization).catch(() => undefined);
        if (identity === null)
          for (const connection of open) connection.close('the API key was revoked or expired');
      }
    },
    Math.max(options.authCacheMs, 250),
  );
  sweep.unref();

  const refuse = (message: string, code: string, extensions: Record<string, unknown> = {}) => [
    new GraphQLError(message, { extensions: { code, ...extensions } }),
  ];

  /** What an HTTP request goes through too: the rate limit, parsing with the guard's options, `admit`. */
  const prepare = async (
    identity: ApiKeyIdentity,
    payload: SubscribePayload,
  ): Promise<
    | GraphQLError[]
    | {
        schema: GraphQLSchema;
        document: DocumentNode;
        operationName?: string | null;
        variableValues?: Record<string, unknown> | null;
      }
  > => {
    await deps.rateLimit(identity.keyId);
    const hash = (payload.extensions?.persistedQuery as { sha256Hash?: string } | undefined)?.sha256Hash;
    const source = payload.query || (hash ? deps.trustedDocuments.get(hash) : undefined);
    if (!source) return refuse('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND');
    let document: DocumentNode;
    try {
      document = parse(source, guard.parseOptions);
    } catch (error) {
      return [toGraphQLError(error)];
    }
    const admission = guard.admit(document, payload.operationName, payload.variables);
    if (admission.errors.length > 0) return [...admission.errors];
    return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
  };

  const graphqlWs = makeHandler({
    schema,
    onConnect: async (ctx) => {
      const request = ctx.extra.request;
      const params = ctx.connectionParams ?? {};
      const fromParams = typeof params.authorization === 'string' ? params.authorization : undefined;
      const presented = presentedCredential(request.headers);
      const authorization = fromParams ?? presented.authorization;
      try {
        if (!fromParams && presented.fromCookie && !sameOrigin(request.raw)) {
          throw new HubError(
            'auth/forbidden',
            'a session cookie is accepted only from pages of this origin',
            {
              exposeToClient: true,
            },
          );
        }
        const identity = await deps.authenticator.authenticate(authorization, request.ip);
        connections.set(ctx, {
          authorization: authorization!,
          identity,
          subscriptions: new Set(),
          close: (reason) => ctx.extra.socket.close(FORBIDDEN_CLOSE, `Forbidden: ${reason}`),
        });
        return true;
      } catch (error) {
        request.log.info({ err: error }, 'websocket connection refused');
        // 4403 Forbidden closes the socket; graphql-ws clients surface it as a close event.
        return false;
      }
    },
    onDisconnect: (ctx) => {
      connections.delete(ctx);
    },
    onClose: (ctx) => {
      connections.delete(ctx);
    },
    onSubscribe: async (ctx, id, payload) => {
      const connection = connections.get(ctx);
      if (!connection) return refuse('not authenticated', 'auth/unauthenticated');
      try {
        connection.identity = await deps.authenticator.authenticate(
          connection.authorization,
          ctx.extra.request.ip,
        );
      } catch (error) {
        connection.close('the API key was revoked or expired');
        return [toGraphQLError(error)];
      }
      if (connection.subscriptions.size >= max) {
        return refuse(
          `this connection already holds ${max} subscriptions, the most one may hold; complete one or open another connection`,
          'request/too_many_subscriptions',
          { limit: 'subscriptions', max },
        );
      }
      // Reserved at once, in the same turn as the check: subscribes in flight together cannot all pass it.
      connection.subscriptions.add(id);
      const prepared = await prepare(connection.identity, payload).catch((error: unknown) => [
        toGraphQLError(error),
      ]);
      const refused = Array.isArray(prepared);
      if (refused) connection.subscriptions.delete(id);
      deps.metrics.countSubscription(payload.operationName ?? undefined, refused ? 'error' : 'ok');
      if (refused) return prepared;
      const request = ctx.extra.request;
      return {
        ...prepared,
        contextValue: createGatewayContext(deps, connection.identity, request.log, String(request.id), false),
      };
    },
    onComplete: (ctx, id) => {
      connections.get(ctx)?.subscriptions.delete(id);
    },
    // Execution errors go out in `next` messages, request errors in `error` messages: mask both alike.
    onNext: (ctx, _id, _payload, args, result) => {
      if (!result.errors) return result;
      const operation = getOperationAST(args.document, args.operationName);
      logGraphQLErrors(ctx.extra.request.log, result.errors, operation?.name?.value);
      return { ...result, errors: result.errors.map((error) => format(error.toJSON(), error)) };
    },
    onError: (ctx, id, _payload, errors) => {
      connections.get(ctx)?.subscriptions.delete(id);
      return errors.map((error) => format(error.toJSON(), error));
    },
  });

  // graphql-ws writes each socket error to console.error with its stack: a client sending oversized or
  // malformed frames could fill the log at will. `ws` has already closed such a socket with the
  // frame's close code (1009 for one over the limit) when it emits the error, so one request-log line
  // is all that is left to do.
  const handler: typeof graphqlWs = function (this: ThisParameterType<typeof graphqlWs>, socket, request) {
    graphqlWs.call(this, socket, request);
    socket.removeAllListeners('error');
    socket.once('error', (error) => request.log.info({ err: error }, 'websocket closed on a protocol error'));
  };

  return { handler, close: () => clearInterval(sweep) };
}
