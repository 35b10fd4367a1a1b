import { HubError } from '../errors/index.ts';

/** The entity a request names does not exist (or is soft-deleted). */
export class NotFoundError extends HubError {
  override readonly name = 'NotFoundError';
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('request/not_found', message, { details, exposeToClient: true });
  }
}

/** An input that parses but makes no sense now: a wrong id type, an alert already resolved. */
export class InvalidInputError extends HubError {
  override readonly name = 'InvalidInputError';
  /** The argument to correct, when one is to blame. */
  readonly field: string | null;
  constructor(message: string, field: string | null = null, details: Record<string, unknown> = {}) {
    super('request/invalid_input', message, { details, exposeToClient: true });
    this.field = field;
  }
}
