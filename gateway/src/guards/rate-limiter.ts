import { HubError } from '@district-hub/schema';
import type { Redis } from 'ioredis';

export interface RateLimitOptions {
  max: number;
  windowMs: number;
  /** Redis key prefix, shared by every replica so a key's budget is global. */
  prefix: string;
}

/** Counts one request of an API key; throws `request/rate_limited` when the window's budget is spent. */
export type RateLimiter = (keyId: number) => Promise<void>;

function limited(options: RateLimitOptions, retryAfterMs: number): HubError {
  return new HubError(
    'request/rate_limited',
    `rate limit of ${options.max} requests per ${options.windowMs / 1000} s exceeded for this API key; retry in ${Math.ceil(retryAfterMs / 1000)} s`,
    { details: { max: options.max, windowMs: options.windowMs, retryAfterMs }, exposeToClient: true },
  );
}

/**
 * Fixed windows: simple, one round trip (INCR + PEXPIRE in a MULTI) and exact across replicas when the
 * counter lives in Redis. Without Redis each process counts on its own.
 */
export function createRateLimiter(options: RateLimitOptions, redis?: Redis): RateLimiter {
  const local = new Map<string, number>();
  return async (keyId) => {
    const now = Date.now();
    const window = Math.floor(now / options.windowMs);
    const retryAfterMs = (window + 1) * options.windowMs - now;
    const bucket = `${options.prefix}:ratelimit:${keyId}:${window}`;
    let count: number;
    if (redis) {
      const result = await redis.multi().incr(bucket).pexpire(bucket, options.windowMs).exec();
      count = Number(result?.[0]?.[1] ?? 0);
    } else {
      if (local.size > 10_000) local.clear();
      count = (local.get(bucket) ?? 0) + 1;
      local.set(bucket, count);
    }
    if (count > options.max) throw limited(options, retryAfterMs);
  };
}
