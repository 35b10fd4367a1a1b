import type { FastifyInstance } from 'fastify';
import type { Authenticate } from './authenticator.ts';
import { sessionCookie } from './session-cookie.ts';

/**
 * A page opened with `?key=…` (the twin and the job dashboard URLs `npm start` prints) trades the key
 * for the session cookie and is sent, with 303, to the same URL without it, so the key leaves the
 * address bar, the history, the server's access log and any `Referer` at the first request. The
 * cookie is set only for a key that works; the redirect happens either way. GraphQL itself never
 * reads a key from its URL.
 */
export function registerKeyExchange(
  app: FastifyInstance,
  authenticate: Authenticate,
  graphqlPath: string,
): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || !request.url.includes('key=')) return;
    const url = new URL(request.url, 'http://hub');
    const key = url.searchParams.get('key');
    if (key === null || url.pathname === graphqlPath) return;
    url.searchParams.delete('key');
    const secure = request.protocol === 'https';
    try {
      await authenticate(`Bearer ${key}`, request.ip);
      reply.header('set-cookie', sessionCookie(key, secure));
    } catch (error) {
      request.log.info({ err: error }, 'key exchange refused');
    }
    return reply.redirect(`${url.pathname}${url.search}`, 303);
  });
}
