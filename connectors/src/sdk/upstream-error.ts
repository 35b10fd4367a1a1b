import { SourceError } from '@district-hub/schema';
import type { ErrorCode } from '@district-hub/schema';

/**
 * Wraps a failure of a source system keeping what an operator needs (what was asked, the status, a
 * trimmed body), never the client object. Network-level failures become `connector/source_unreachable`,
 * 401/403 `connector/auth_failed`, anything else `connector/source_failed`.
 */
export function upstreamError(
  message: string,
  details: { method?: string; url?: string; status?: number; body?: string; cause?: unknown },
): SourceError {
  const code: ErrorCode =
    details.status === 401 || details.status === 403
      ? 'connector/auth_failed'
      : details.status === undefined && isNetworkError(details.cause)
        ? 'connector/source_unreachable'
        : 'connector/source_failed';
  const { cause, ...rest } = details;
  const body = rest.body && rest.body.length > 300 ? `${rest.body.slice(0, 300)}…` : rest.body;
  return new SourceError(code, message, { details: { ...rest, body }, cause });
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'PROTOCOL_CONNECTION_LOST',
  '57P01',
]);

/** True for errors that mean "could not talk to the host" (refused, reset, DNS, timeout). */
export function isNetworkError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if ((current as { name?: string }).name === 'TimeoutError') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The message of an error, following `cause` once: "fetch failed: connect ECONNREFUSED 127.0.0.1:4010". */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Our own errors already say what their cause was.
  if ((error as { code?: unknown }).code && error.name.endsWith('Error') && 'details' in error)
    return error.message;
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  if (error instanceof AggregateError && error.errors.length > 0) {
    return `${error.message || 'failed'}: ${error.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join('; ')}`;
  }
  return cause && !error.message.includes(cause) ? `${error.message}: ${cause}` : error.message || error.name;
}
