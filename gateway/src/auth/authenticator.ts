import type { PrismaClient } from '@district-hub/schema';
import { verifyApiKey, type ApiKeyIdentity, HubError } from '@district-hub/schema';
import { z } from 'zod';

/** Marks lastUsedAt at most this often per key, so a busy key does not write on every request. */
const LAST_USED_EVERY_MS = 60_000;
/** Entries a cache keeps before it starts over: an attacker sending new keys cannot grow memory. */
const MAX_ENTRIES = 10_000;

export const AuthenticatorOptionsSchema = z.object({
  /** How long a verified key is remembered; default 30 s (a revocation takes effect within it). */
  cacheMs: z.number().int().nonnegative(),
  /** How long an unknown, revoked or expired key is remembered as such; default 5 s. */
  negativeCacheMs: z.number().int().nonnegative(),
  /** Failed authentications per client address per window before it is refused without asking. */
  maxFailures: z.number().int().positive(),
  /** That window, in milliseconds; default 60 s. */
  failureWindowMs: z.number().int().positive(),
});

export type AuthenticatorOptions = z.infer<typeof AuthenticatorOptionsSchema>;

export const AUTHENTICATOR_DEFAULTS: AuthenticatorOptions = {
  cacheMs: 30_000,
  negativeCacheMs: 5_000,
  maxFailures: 30,
  failureWindowMs: 60_000,
};

/** The identity of the key a request presents (`Authorization: Bearer <key>`), or a `HubError`. */
export type Authenticate = (authorization: string | undefined, client?: string) => Promise<ApiKeyIdentity>;

export interface Authenticator {
  authenticate: Authenticate;
  /** Asks the database again, past the cache (open WebSockets): null once the key stopped working. */
  recheck(authorization: string): Promise<ApiKeyIdentity | null>;
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  return match?.[1];
}

export function unauthenticated(message: string): HubError {
  return new HubError('auth/unauthenticated', message, { exposeToClient: true });
}

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, value);
}

/**
 * Checks bearer API keys against the hashed keys in the database, on `prisma` (give it a client on a
 * pool of its own, so long queries cannot starve authentication). Verified keys are remembered for
 * `cacheMs`, never past their expiry, so a request costs no SQL for authentication (the benchmark path).
 * Keys that failed are remembered for `negativeCacheMs`, and an address that failed `maxFailures` times
 * in a window is refused without a query until the window ends: guessing keys, or sending new
 * well-formed ones, costs the attacker a 429 rather than the hub a query each.
 */
export function createAuthenticator(prisma: PrismaClient, options: AuthenticatorOptions): Authenticator {
  const known = new Map<string, { identity: ApiKeyIdentity; until: number }>();
  const refused = new Map<string, number>();
  const failures = new Map<string, { window: number; count: number }>();
  const lastMarked = new Map<number, number>();

  const failedFrom = (client: string | undefined, now: number) => {
    if (client === undefined) return;
    const window = Math.floor(now / options.failureWindowMs);
    const entry = failures.get(client);
    if (entry?.window === window) entry.count += 1;
    else remember(failures, client, { window, count: 1 });
  };

  const checkFailures = (client: string | undefined, now: number) => {
    const entry = client === undefined ? undefined : failures.get(client);
    const window = Math.floor(now / options.failureWindowMs);
    if (!entry || entry.window !== window || entry.count < options.maxFailures) return;
    const retryAfterMs = (window + 1) * options.failureWindowMs - now;
    throw new HubError(
      'request/rate_limited',
      `${options.maxFailures} failed authentications from this address in ${options.failureWindowMs / 1000} s; retry in ${Math.ceil(retryAfterMs / 1000)} s`,
      {
        details: { max: options.maxFailures, windowMs: options.failureWindowMs, retryAfterMs },
        exposeToClient: true,
      },
    );
  };

  const verify = async (token: string, now: number): Promise<ApiKeyIdentity | null> => {
    const identity = await verifyApiKey(prisma, token, new Date(now));
    if (!identity) {
      known.delete(token);
      if (options.negativeCacheMs > 0) remember(refused, token, now + options.negativeCacheMs);
      return null;
    }
    refused.delete(token);
    const until = Math.min(now + options.cacheMs, identity.expiresAt?.getTime() ?? Infinity);
    if (options.cacheMs > 0) remember(known, token, { identity, until });
    if ((lastMarked.get(identity.keyId) ?? 0) + LAST_USED_EVERY_MS < now) {
      remember(lastMarked, identity.keyId, now);
      // Best effort: a failed bookkeeping write must not fail the request it describes.
      prisma.apiKey
        .update({ where: { id: identity.keyId }, data: { lastUsedAt: new Date(now) } })
        .catch(() => {});
    }
    return identity;
  };

  return {
    async authenticate(authorization, client) {
      const now = Date.now();
      checkFailures(client, now);
      const token = bearerToken(authorization);
      if (!token) {
        failedFrom(client, now);
        throw unauthenticated('send an API key as "Authorization: Bearer <key>"');
      }
      const cached = known.get(token);
      if (cached && cached.until > now) return cached.identity;
      const identity = (refused.get(token) ?? 0) > now ? null : await verify(token, now);
      if (!identity) {
        failedFrom(client, now);
        throw unauthenticated('the API key is unknown, revoked or expired');
      }
      return identity;
    },
    async recheck(authorization) {
      const token = bearerToken(authorization);
      return token ? verify(token, Date.now()) : null;
    },
  };
}
