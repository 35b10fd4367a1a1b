import { HubError } from '@district-hub/schema';
import type { FastifyBaseLogger } from 'fastify';
import type { GraphQLError } from 'graphql';
import { isClientError } from './error-format.ts';

/**
 * Logs the errors of one operation, over HTTP or WebSocket alike. A client's mistake goes at info with
 * its code and message (nothing to fix on the server); anything else, which the client sees masked,
 * goes at error with its cause and stack, so the request id leads from the client's report to it.
 */
export function logGraphQLErrors(
  log: FastifyBaseLogger,
  errors: readonly GraphQLError[],
  operationName: string | null | undefined,
): void {
  for (const error of errors) {
    const cause = error.originalError ?? error;
    if (isClientError(cause)) {
      const code = cause instanceof HubError ? cause.code : error.extensions.code;
      log.info({ operationName, code, error: error.message }, 'graphql client error');
    } else log.error({ err: cause, operationName }, 'graphql error');
  }
}
