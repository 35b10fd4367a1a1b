/**
 * The fault knobs on an HTTP simulator (Fastify): latency, 429 with `Retry-After`, 500, and a connection
 * cut in the middle of a response body. Installed as hooks, so every route of the simulator gets them
 * except the paths in `exempt` (health checks).
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Faults } from '../faults.ts';

export interface HttpFaultBodies {
  rateLimited: unknown;
  error: unknown;
}

export function installHttpFaults(
  app: FastifyInstance,
  faults: Faults,
  bodies: HttpFaultBodies,
  exempt: readonly string[] = [],
): void {
  const applies = (url: string) => !exempt.some((p) => url === p || url.startsWith(`${p}?`));
  app.addHook('onRequest', async (request, reply) => {
    if (!applies(request.url)) return;
    await faults.delay();
    if (faults.takeRateLimit()) {
      return reply
        .code(429)
        .header('Retry-After', String(faults.knobs.retryAfterSeconds))
        .send(bodies.rateLimited);
    }
    if (faults.takeError()) return reply.code(500).send(bodies.error);
  });
  // A cut body: the full Content-Length is announced, part of the body sent, then the socket closed.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!applies(request.url) || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (!faults.takeDrop()) return payload;
    const body = Buffer.from(payload);
    const cut = Math.max(1, Math.floor(body.length * (0.2 + 0.6 * faults.fraction())));
    reply.header('content-length', String(body.length));
    let sent = false;
    return new Readable({
      read() {
        if (sent) return;
        sent = true;
        this.push(body.subarray(0, cut));
        setImmediate(() => {
          reply.raw.socket?.destroy();
          this.destroy();
        });
      },
    });
  });
}
