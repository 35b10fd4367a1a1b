import { HubError } from '@district-hub/schema';
import type { Redis } from 'ioredis';

export interface RateLimitOptions {
  max: number;
  windowMs: number;
  /** Redis key prefix, shared by every replica so a key's budget is global. */
  prefix: string;
  /** How long a Redis count may take before this request is counted in process; default 250 ms. */
  redisTimeoutMs?: number;
}

/** Counts one request of an API key; throws `request/rate_limited` when the window's budget is spent. */
export type RateLimiter = (keyId: number) => Promise<void>;

/** Where the limiter says that it lost and found Redis again: once each, not per request. */
export interface RateLimitLog {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

function limited(options: RateLimitOptions, retryAfterMs: number): HubError {
  return new HubError(
    'request/rate_limited',
    `rate limit of ${options.max} requests per ${options.windowMs / 1000} s exceeded for this API key; retry in ${Math.ceil(retryAfterMs / 1000)} s`,
    { details: { max: options.max, windowMs: options.windowMs, retryAfterMs }, exposeToClient: true },
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Fixed windows: simple, one round trip (INCR + PEXPIRE in a MULTI) and exact across replicas when the
 * counter lives in Redis. Without Redis, and while Redis is away (not connected, failing or slower
 * than `redisTimeoutMs`), each process counts on its own: a limit a few times looser for a while is
 * better than failing every request with Redis' error. The log says so once, and once when Redis is back.
 */
export function createRateLimiter(options: RateLimitOptions, redis?: Redis, log?: RateLimitLog): RateLimiter {
  const local = new Map<string, number>();
  const timeoutMs = options.redisTimeoutMs ?? 250;
  let degraded = false;

  const countLocally = (bucket: string) => {
    if (local.size > 10_000) local.clear();
    const count = (local.get(bucket) ?? 0) + 1;
    local.set(bucket, count);
    return count;
  };

  const countInRedis = async (client: Redis, bucket: string): Promise<number | undefined> => {
    if (client.status !== 'ready') return undefined;
    try {
      const result = await withTimeout(
        client.multi().incr(bucket).pexpire(bucket, options.windowMs).exec(),
        timeoutMs,
      );
      const [error, count] = result?.[0] ?? [new Error('empty MULTI result'), 0];
      if (error) throw error;
      return Number(count);
    } catch (error) {
      if (!degraded)
        log?.warn({ err: error }, 'rate limits counted in this process while Redis does not answer');
      degraded = true;
      return undefined;
    }
  };

  return async (keyId) => {
    const now = Date.now();
    const window = Math.floor(now / options.windowMs);
    const retryAfterMs = (window + 1) * options.windowMs - now;
    const bucket = `${options.prefix}:ratelimit:${keyId}:${window}`;
    let count = redis ? await countInRedis(redis, bucket) : undefined;
    if (count === undefined) {
      if (redis && !degraded) {
        log?.warn(
          { status: redis.status },
          'rate limits counted in this process while Redis is disconnected',
        );
        degraded = true;
      }
      count = countLocally(bucket);
    } else if (degraded) {
      log?.info({}, 'Redis answers again: rate limits are shared by every replica again');
      degraded = false;
    }
    if (count > options.max) throw limited(options, retryAfterMs);
  };
}
