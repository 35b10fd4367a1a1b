import type { PrismaClient } from '@district-hub/schema';
import { verifyApiKey, type ApiKeyIdentity, HubError } from '@district-hub/schema';

/** Marks lastUsedAt at most this often per key, so a busy key does not write on every request. */
const LAST_USED_EVERY_MS = 60_000;

export type Authenticate = (authorization: string | undefined) => Promise<ApiKeyIdentity>;

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  return match?.[1];
}

export function unauthenticated(message: string): HubError {
  return new HubError('auth/unauthenticated', message, { exposeToClient: true });
}

/**
 * Checks a bearer API key against the hashed keys in the database. Verified keys are remembered for
 * `cacheMs` so a request costs no SQL for authentication (the benchmark path); unknown keys are never
 * cached, so a new key works at once.
 */
export function createAuthenticator(prisma: PrismaClient, cacheMs: number): Authenticate {
  const cache = new Map<string, { identity: ApiKeyIdentity; until: number }>();
  const lastMarked = new Map<number, number>();

  return async (authorization) => {
    const token = bearerToken(authorization);
    if (!token) throw unauthenticated('send an API key as "Authorization: Bearer <key>"');
    const now = Date.now();
    const cached = cache.get(token);
    if (cached && cached.until > now) return cached.identity;
    const identity = await verifyApiKey(prisma, token);
    if (!identity) {
      cache.delete(token);
      throw unauthenticated('the API key is unknown or revoked');
    }
    if (cacheMs > 0) cache.set(token, { identity, until: now + cacheMs });
    if ((lastMarked.get(identity.keyId) ?? 0) + LAST_USED_EVERY_MS < now) {
      lastMarked.set(identity.keyId, now);
      // Best effort: a failed bookkeeping write must not fail the request it describes.
      prisma.apiKey
        .update({ where: { id: identity.keyId }, data: { lastUsedAt: new Date() } })
        .catch(() => {});
    }
    return identity;
  };
}
