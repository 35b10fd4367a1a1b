import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { bearerToken } from '../auth/authenticator.ts';

function sameSecret(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `/metrics` in the Prometheus text format. With a token (`METRICS_TOKEN`) it answers only a scraper
 * that sends `Authorization: Bearer <token>`; without one it is open, for a port only the monitoring
 * network reaches (`METRICS_PORT`, or a worker's `WORKER_PORT`).
 */
export function registerMetricsRoute(app: FastifyInstance, registry: Registry, token?: string): void {
  app.get('/metrics', async (request, reply) => {
    if (token !== undefined && !sameSecret(bearerToken(request.headers.authorization), token)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({
        error: 'auth/unauthenticated',
        message: 'send the metrics token as "Authorization: Bearer <token>"',
      });
    }
    try {
      const text = await registry.metrics();
      return reply.type(registry.contentType).send(text);
    } catch (error) {
      // A gauge read from the database failed: say so without the driver's message.
      request.log.warn({ err: error }, 'metrics could not be collected');
      return reply
        .code(503)
        .send({ error: 'metrics/unavailable', message: 'metrics could not be collected now' });
    }
  });
}
