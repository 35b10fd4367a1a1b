import { HubError } from '@district-hub/schema';

/** A sync asked for a source that hub.config.yaml does not configure; shown to the caller as is. */
export class UnknownSourceError extends HubError {
  override readonly name = 'UnknownSourceError';
  constructor(sourceId: string, known: readonly string[]) {
    super('request/invalid_input', `unknown source "${sourceId}"; configured sources: ${known.join(', ')}`, {
      details: { sourceId, known },
      exposeToClient: true,
    });
  }
}
