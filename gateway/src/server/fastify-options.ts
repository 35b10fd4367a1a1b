import { randomUUID } from 'node:crypto';
import {
  LogController,
  type FastifyBaseLogger,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { Logger } from '@district-hub/schema';

/** What replaces a key given in a URL (`/twin/?key=…`, `/admin/queues?key=…`) in the log. */
export const REDACTED = 'REDACTED';

/** A request's path and query as logged: a `key` parameter is an API key, so its value is masked. */
export function loggedUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const params = new URLSearchParams(url.slice(query + 1));
  if (!params.has('key')) return url;
  params.set('key', REDACTED);
  return `${url.slice(0, query)}?${params.toString()}`;
}

/**
 * Fastify's own request fields (the serializer it installs when it makes the logger), with the URL
 * passed through `loggedUrl`. Headers are not logged at all, so neither is `Authorization`.
 */
function requestSerializer(request: FastifyRequest) {
  return {
    method: request.method,
    url: loggedUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/**
 * Fastify settings the gateway relies on: it logs through the process's `gateway` logger (or not at
 * all, given `false`); every line of a request carries `requestId`, taken from an incoming
 * `x-request-id` (a proxy's) or generated, and echoed back in the response header.
 */
export function gatewayFastifyOptions(logger: Logger | false): FastifyServerOptions & {
  loggerInstance?: FastifyBaseLogger;
} {
  return {
    ...(logger
      ? { loggerInstance: logger.child({}, { serializers: { req: requestSerializer } }) }
      : { logger: false }),
    requestIdHeader: 'x-request-id',
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    genReqId: () => randomUUID(),
  };
}
