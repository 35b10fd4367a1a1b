/**
 * The machine codes a user of the hub can branch on, one catalogue for every package.
 * Each line says who raises the code and when. `bug/` codes mean an invariant broke: report them.
 */
export const ErrorCodes = {
  /** config loader: hub.config.yaml or an environment variable is missing, malformed or out of range. */
  configInvalid: 'config/invalid',
  /** database factory: DATABASE_URL's host does not answer. */
  databaseUnreachable: 'database/unreachable',
  /** database factory: PostgreSQL refused the credentials in DATABASE_URL. */
  databaseAuthFailed: 'database/auth_failed',
  /** embedded database: another hub process already runs on the data folder. */
  databaseInUse: 'database/in_use',
  /** migrator: the schema engine failed to apply or diff migrations. */
  migrationFailed: 'database/migration_failed',
  /** connectors: the source system cannot be reached (network, DNS, refused, timeout). */
  sourceUnreachable: 'connector/source_unreachable',
  /** connectors: the source answered with an error status or broke mid-stream. */
  sourceFailed: 'connector/source_failed',
  /** connectors: the source refused our credentials. */
  sourceAuthFailed: 'connector/auth_failed',
  /** writer: a record failed mapping or validation; it is quarantined and the batch goes on. */
  recordRejected: 'writer/record_rejected',
  /** writer: a record names a building, room, vehicle or agency the crosswalk does not know. */
  referenceUnresolved: 'writer/reference_unresolved',
  /** gateway: no or an unknown API key. */
  unauthenticated: 'auth/unauthenticated',
  /** gateway: the key's role may not do this; the message names the role needed. */
  forbidden: 'auth/forbidden',
  /** gateway: an operation over the depth, alias or cost limits. */
  operationTooComplex: 'request/too_complex',
  /** gateway: the request body is larger than the configured limit. */
  bodyTooLarge: 'request/body_too_large',
  /** gateway: an HTTP request the GraphQL endpoint cannot read (bad JSON, wrong content type). */
  badRequest: 'request/bad_request',
  /** gateway: too many requests for this key in the window. */
  rateLimited: 'request/rate_limited',
  /** gateway: a GraphQL input that parses but makes no sense (unknown id, wrong state). */
  invalidInput: 'request/invalid_input',
  /** gateway: the entity asked for does not exist (or is deleted). */
  notFound: 'request/not_found',
  /** ticket lifecycle: the move is not allowed from the ticket's state (or needs what it lacks). */
  ticketIllegalTransition: 'ticket/illegal_transition',
  /** an invariant that should hold did not. */
  bugInvariant: 'bug/invariant',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
