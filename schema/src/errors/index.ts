export { ErrorCodes, type ErrorCode } from './codes.ts';
export { HubError, RecordRejectedError, ConfigError, SourceError } from './hub-error.ts';
export { hubErrorToText, reviveHubError } from './error-wire.ts';
