import { ErrorCodes, type ErrorCode } from './codes.ts';
import { ConfigError, HubError, RecordRejectedError, SourceError } from './hub-error.ts';

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCodes));
const WIRE = /^([a-z]+\/[a-z_]+): ([\s\S]*)$/;

/**
 * A `HubError` as one line of text, `code: message`, for a place that keeps only text: a BullMQ job's
 * failed reason (what Bull Board and `job.failedReason` show). `reviveHubError` reads it back.
 */
export function hubErrorToText(error: HubError): string {
  return `${error.code}: ${error.message}`;
}

/**
 * The `HubError` that was written down as text, of the class its code belongs to, so `instanceof` and
 * `code` work again on the other side of a queue: `message` with its `code` (a `SyncRun` row's `error`
 * and `errorCode`), or one `hubErrorToText` line (a job's failed reason). Text with no known code (a
 * library's message, a timeout) becomes a `SourceError` `connector/source_failed` carrying it whole.
 */
export function reviveHubError(
  message: string,
  code?: string | null,
  details: Record<string, unknown> = {},
): HubError {
  const line = code ? undefined : WIRE.exec(message);
  const known = code ?? line?.[1];
  if (!known || !KNOWN_CODES.has(known))
    return new SourceError('connector/source_failed', message, { details });
  const text = line ? line[2]! : message;
  const errorCode = known as ErrorCode;
  if (errorCode === 'config/invalid') return new ConfigError(text, details);
  if (errorCode.startsWith('connector/')) return new SourceError(errorCode, text, { details });
  if (errorCode.startsWith('writer/')) return new RecordRejectedError(text, details, errorCode);
  return new HubError(errorCode, text, { details });
}
