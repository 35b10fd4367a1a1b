import type { ErrorCode } from './codes.ts';

/**
 * Base of every error the hub raises on purpose. `code` comes from the catalogue, `details` carries
 * what a person needs to act (the file and path of a bad setting, the URL and status of a failed
 * request), never a whole client object. `exposeToClient` marks errors safe to show over GraphQL;
 * anything else is masked at the edge as "Unexpected error" with the detail in the log.
 */
export class HubError extends Error {
  override readonly name: string = 'HubError';
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  readonly exposeToClient: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown; exposeToClient?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
    this.exposeToClient = options.exposeToClient ?? false;
  }

  /** As JSON (a summary printed by a child process): `message` is not an own property of an Error. */
  toJSON(): { name: string; code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}

/** A problem with one record: quarantined with its reason while the rest of the batch goes on. */
export class RecordRejectedError extends HubError {
  override readonly name = 'RecordRejectedError';
  constructor(
    reason: string,
    details: Record<string, unknown> = {},
    code: ErrorCode = 'writer/record_rejected',
  ) {
    super(code, reason, { details });
  }
}

/** Configuration that cannot work; retrying will not help, so jobs do not retry it. */
export class ConfigError extends HubError {
  override readonly name = 'ConfigError';
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('config/invalid', message, { details });
  }
}

/** A source system failed (unreachable, error status, broken mid-stream); transient, so jobs retry it. */
export class SourceError extends HubError {
  override readonly name = 'SourceError';
}
