import { setTimeout as sleep } from 'node:timers/promises';
import { upstreamError } from '../../sdk/upstream-error.ts';
import type { RestConfig } from './rest-spec.ts';

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
  url: string;
}

/** Statuses worth another try: rate limited, or the server (or a proxy) failed transiently. */
const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * Parses Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns milliseconds, or
 * undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function authHeaders(auth: RestConfig['connection']['auth']): Record<string, string> {
  switch (auth.type) {
    case 'bearer':
      return { authorization: `Bearer ${auth.token}` };
    case 'basic':
      return {
        authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
      };
    case 'apiKey':
      return { [auth.header.toLowerCase()]: auth.value };
    default:
      return {};
  }
}

/**
 * GET a JSON document with the connection's auth, a per-request timeout, and retries with exponential
 * backoff and jitter on network errors, 408/425/429 and 5xx, waiting what `Retry-After` asks for when
 * the server says (capped by `maxDelayMs`). 4xx other than those fail at once: retrying will not help.
 */
export async function getJson(
  connection: RestConfig['connection'],
  url: string,
  signal?: AbortSignal,
  onRetry?: (message: string) => void,
): Promise<HttpResponse> {
  const { attempts, baseDelayMs, maxDelayMs } = connection.retry;
  const headers = { accept: 'application/json', ...connection.headers, ...authHeaders(connection.auth) };
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    signal?.throwIfAborted();
    let wait = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
    try {
      const timeout = AbortSignal.timeout(connection.timeoutMs);
      const response = await fetch(url, {
        headers,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      if (response.ok) {
        const text = await response.text();
        let body: unknown;
        try {
          body = text === '' ? null : JSON.parse(text);
        } catch (error) {
          throw upstreamError(`GET ${url} answered ${response.status} with a body that is not JSON`, {
            method: 'GET',
            url,
            status: response.status,
            body: text,
            cause: error,
          });
        }
        return { status: response.status, headers: response.headers, body, url };
      }
      const text = await response.text().catch(() => '');
      lastError = upstreamError(`GET ${url} answered ${response.status} ${response.statusText}`.trim(), {
        method: 'GET',
        url,
        status: response.status,
        body: text,
      });
      if (!RETRYABLE.has(response.status)) throw lastError;
      const asked = retryAfterMs(response.headers.get('retry-after'));
      if (asked !== undefined) wait = Math.min(maxDelayMs, asked);
    } catch (error) {
      if (signal?.aborted) throw error;
      if ((error as { name?: string }).name === 'SourceError') {
        const status = (error as { details?: { status?: number } }).details?.status;
        if (status === undefined || !RETRYABLE.has(status)) throw error;
        lastError = error;
      } else {
        lastError = upstreamError(
          `GET ${url} failed: ${(error as Error).cause ? String(((error as Error).cause as Error).message) : (error as Error).message}`,
          {
            method: 'GET',
            url,
            cause: error,
          },
        );
      }
    }
    if (attempt < attempts) {
      onRetry?.(
        `${(lastError as Error).message}; retry ${attempt}/${attempts - 1} in ${Math.round(wait)} ms`,
      );
      await sleep(wait, undefined, { signal });
    }
  }
  throw lastError;
}

/** `a.b.c` into a parsed body; '' is the body itself. */
export function atPath(body: unknown, path: string): unknown {
  if (path === '') return body;
  let current: unknown = body;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
