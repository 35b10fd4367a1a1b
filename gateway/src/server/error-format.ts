import { unwrapResolverError } from '@apollo/server/errors';
import { HubError } from '@district-hub/schema';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** What a client sees for any failure the hub did not mean to show: the detail stays in the log. */
export const MASKED_MESSAGE = 'Unexpected error; the gateway log has the details (search by request id)';

/** Validation hints like `Did you mean "buildings"?` reveal schema a production client should not map. */
function stripSuggestions(message: string): string {
  return message.replace(/\s*Did you mean .+\?$/s, '');
}

/**
 * Whether the client caused the error and sees it as it is (syntax, validation, limits, invalid input,
 * hub errors meant for clients): the log records it without a stack, as it needs no fix on the server.
 */
export function isClientError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof HubError) return original.exposeToClient;
  return (
    original instanceof GraphQLError ||
    (original instanceof Error && original.name === 'PothosValidationError')
  );
}

/**
 * The one mapping from errors to what clients see: hub errors meant for clients keep their code and
 * message, GraphQL request errors (syntax, validation, limits) pass through, everything else is
 * masked. Never a stack trace.
 */
export function createErrorFormatter(options: { fieldSuggestions: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof HubError) {
      if (!original.exposeToClient)
        return { ...base, message: MASKED_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
    }
    if (original instanceof Error && original.name === 'PothosValidationError') {
      return { ...base, message: original.message, extensions: { code: 'request/invalid_input' } };
    }
    if (original instanceof GraphQLError || original === error) {
      // `http` only tells Apollo which status to answer with; over WebSocket nothing removes it.
      const {
        stacktrace: _stacktrace,
        exception: _exception,
        http: _http,
        ...extensions
      } = formatted.extensions ?? {};
      const message = options.fieldSuggestions ? formatted.message : stripSuggestions(formatted.message);
      return { ...base, message, extensions };
    }
    return { ...base, message: MASKED_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
