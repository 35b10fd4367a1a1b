import type { FastifyRequest } from 'fastify';
import { HubError } from '@district-hub/schema';
import type { Authenticate } from '../auth/authenticator.ts';
import { presentedCredential } from '../auth/session-cookie.ts';

/**
 * Who may open the job dashboard: an admin key, sent as a bearer token by tools, or by a browser as the
 * session cookie it got for `/admin/queues?key=…` (key-exchange.ts), since the page's own asset and API
 * requests carry no header.
 */
export function adminGuard(authenticate: Authenticate) {
  return async (request: FastifyRequest): Promise<void> => {
    const identity = await authenticate(presentedCredential(request.headers).authorization, request.ip);
    if (identity.role !== 'ADMIN') {
      throw new HubError(
        'auth/forbidden',
        `the job dashboard needs the ADMIN role; this key has ${identity.role}`,
        { exposeToClient: true },
      );
    }
  };
}
