import { randomUUID } from 'node:crypto';
import { LogController, type FastifyBaseLogger, type FastifyServerOptions } from 'fastify';

/**
 * Fastify settings the gateway relies on: every log line of a request carries `requestId`, taken from
 * an incoming `x-request-id` (a proxy's) or generated, and echoed back in the response header.
 */
export function gatewayFastifyOptions(logger: FastifyBaseLogger | boolean = true): FastifyServerOptions & {
  loggerInstance?: FastifyBaseLogger;
} {
  return {
    ...(typeof logger === 'boolean' ? { logger } : { loggerInstance: logger }),
    requestIdHeader: 'x-request-id',
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    genReqId: () => randomUUID(),
  };
}
