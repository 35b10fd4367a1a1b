import type { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import type { ApiKeyIdentity } from '@district-hub/schema';
import { HubError } from '@district-hub/schema';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticate } from '../auth/authenticator.ts';
import { presentedCredential } from '../auth/session-cookie.ts';
import type { RateLimiter } from '../guards/rate-limiter.ts';
import { MASKED_MESSAGE } from './error-format.ts';
import { createGatewayContext, type ContextDeps, type GatewayContext } from './gateway-context.ts';
import type { ResolvedGatewayOptions } from './gateway-options.ts';

const STATUS_BY_CODE: Record<string, number> = {
  'auth/unauthenticated': 401,
  'auth/forbidden': 403,
  'request/rate_limited': 429,
};

/** An error answered before GraphQL runs, in the GraphQL response shape clients already parse. */
function replyError(reply: FastifyReply, status: number, code: string, message: string, extra: object = {}) {
  return reply
    .code(status)
    .type('application/json')
    .send({ errors: [{ message, extensions: { code, ...extra } }] });
}

const viewers = new WeakMap<FastifyRequest, ApiKeyIdentity>();

export interface HttpRouteDeps extends ContextDeps {
  apollo: ApolloServer<GatewayContext>;
  authenticate: Authenticate;
  rateLimit: RateLimiter;
  options: ResolvedGatewayOptions;
}

/**
 * GraphQL over HTTP (GET and POST) at `options.path`: authenticate the bearer key (or the session
 * cookie, see key-exchange.ts), count it against its rate limit, then hand the request to Apollo. The
 * body limit applies to this route only. A failure the hub did not mean to show (a library's error,
 * say Redis') is answered 500 with the masked message; its detail goes to the log.
 */
export function registerHttpRoute(app: FastifyInstance, deps: HttpRouteDeps, wsHandler?: object): void {
  const { options } = deps;
  const preHandler = async (request: FastifyRequest, reply: FastifyReply) => {
    // A WebSocket upgrade authenticates in graphql-ws `onConnect` (browsers cannot set its headers).
    if ((request as { ws?: boolean }).ws) return;
    // Answers belong to one key: no shared cache may keep them (persisted queries arrive as GETs).
    reply.header('cache-control', 'no-store');
    try {
      const identity = await deps.authenticate(
        presentedCredential(request.headers).authorization,
        request.ip,
      );
      await deps.rateLimit(identity.keyId);
      viewers.set(request, identity);
    } catch (error) {
      if (!(error instanceof HubError && error.exposeToClient)) throw error;
      if (error.code === 'request/rate_limited') {
        reply.header('retry-after', Math.ceil(Number(error.details.retryAfterMs ?? 1000) / 1000));
      }
      return replyError(reply, STATUS_BY_CODE[error.code] ?? 400, error.code, error.message);
    }
  };
  const errorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return replyError(
        reply,
        413,
        'request/body_too_large',
        `request body exceeds the limit of ${options.limits.bodyLimitBytes} bytes`,
        { limit: 'body', max: options.limits.bodyLimitBytes },
      );
    }
    if (error.statusCode && error.statusCode < 500) {
      return replyError(reply, error.statusCode, 'request/bad_request', error.message);
    }
    request.log.error({ err: error }, 'request failed before GraphQL ran');
    return replyError(reply, 500, 'INTERNAL_SERVER_ERROR', MASKED_MESSAGE);
  };
  const handler = fastifyApolloHandler(deps.apollo, {
    context: async (request) => {
      const identity = viewers.get(request);
      if (!identity)
        throw new HubError('bug/invariant', 'GraphQL request reached Apollo without a verified key');
      return createGatewayContext(deps, identity, request.log, String(request.id), true);
    },
  });
  const route = {
    url: options.path,
    bodyLimit: options.limits.bodyLimitBytes,
    preHandler,
    errorHandler,
    handler,
  };
  app.route({ ...route, method: 'POST' });
  // @fastify/websocket serves the upgrade and plain GETs (persisted queries) on the same route.
  app.route({ ...route, method: 'GET', ...(wsHandler ? { wsHandler } : {}) } as never);
}
