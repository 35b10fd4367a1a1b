import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HubError } from '@district-hub/schema';
import type { Authenticate } from '../auth/authenticator.ts';

const COOKIE = 'hub_admin_key';
const DASHBOARD = '/admin/queues';

function cookieKey(header: string | undefined): string | undefined {
  const pair = header
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`));
  return pair ? decodeURIComponent(pair.slice(COOKIE.length + 1)) : undefined;
}

function queryKey(url: string): string | undefined {
  return new URL(url, 'http://hub').searchParams.get('key') ?? undefined;
}

/**
 * Who may open the job dashboard: an admin key, sent as a bearer token by tools, or by a browser once as
 * `/admin/queues?key=…` and then as a cookie scoped to the dashboard, since the page's own asset and
 * API requests carry no header.
 */
export function adminGuard(authenticate: Authenticate) {
  return async (request: FastifyRequest): Promise<void> => {
    const key = queryKey(request.url) ?? cookieKey(request.headers.cookie);
    const identity = await authenticate(request.headers.authorization ?? (key ? `Bearer ${key}` : undefined));
    if (identity.role !== 'ADMIN') {
      throw new HubError(
        'auth/forbidden',
        `the job dashboard needs the ADMIN role; this key has ${identity.role}`,
      );
    }
  };
}

/** Turns a `?key=` on the dashboard into its cookie, so the links the dashboard follows stay signed in. */
export function rememberDashboardKey(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    const key = request.url.startsWith(DASHBOARD) ? queryKey(request.url) : undefined;
    if (key && reply.statusCode < 400) {
      reply.header(
        'set-cookie',
        `${COOKIE}=${encodeURIComponent(key)}; Path=${DASHBOARD}; HttpOnly; SameSite=Strict`,
      );
    }
  });
}
