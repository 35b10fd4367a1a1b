/**
 * Public surface of @district-hub/schema: the domain every other package shares. Light to import (no
 * database driver, no GraphQL): errors, events, domain rules, coordinates and the model's types. The
 * heavier parts have subpaths of their own: `/database` (the database factory, Prisma, migrations),
 * `/graphql` (the Pothos schema) and `/testing` (helpers for tests only).
 */
export * from './errors/index.ts';
export * from './events/index.ts';
export { NotFoundError, InvalidInputError } from './domain/domain-errors.ts';
export { DISTRICT_TIME_ZONE } from './domain/district-time-zone.ts';
export {
  ACTIVE_ALERT_STATUSES,
  ACTIVE_ALERT_WHERE,
  alertIsActive,
  allocationInForce,
  currentPosition,
} from './domain/sql-rules.ts';
export { contentHash, HUB_SOURCE } from './domain/row-identity.ts';
export { deviceIncidentKey, ruleIncidentKey } from './domain/alerts/incident-keys.ts';
export {
  reportIncident,
  clearIncident,
  acknowledgeAlert,
  resolveAlert,
  linkWorkOrder,
  type IncidentReport,
  type IncidentClear,
  type WorkOrderDraft,
} from './domain/alerts/alert-lifecycle.ts';
export {
  IllegalTransitionError,
  DISPATCHES_BEFORE_DESIGNATION,
  nextState,
  type TicketFacts,
} from './domain/tickets/ticket-machine.ts';
export {
  receiveTicket,
  moveTicket,
  ticketNumber,
  type TicketIntake,
  type TicketMove,
  type TicketMoved,
} from './domain/tickets/ticket-lifecycle.ts';
export {
  createApiKey,
  verifyApiKey,
  revokeApiKey,
  listApiKeys,
  parseRole,
  parseExpiry,
  isWellFormedApiKey,
  type CreatedApiKey,
  type ApiKeyIdentity,
  type ApiKeySummary,
} from './domain/api-keys.ts';
export { gcj02ToWgs84, wgs84ToGcj02, distanceMetres, type LonLat } from './geo/gcj02.ts';
export * from './generated/prisma/enums.ts';
export type {
  Prisma,
  PrismaClient,
  District,
  Building,
  Floor,
  Room,
  Agency,
  AgencyHeadcount,
  RoomAllocation,
  SpaceStandard,
  Vehicle,
  Trip,
  VehiclePosition,
  MaintenanceRecord,
  Device,
  Reading,
  AlertRule,
  Alert,
  WorkOrder,
  Asset,
  AssetTransfer,
  EnergyDaily,
  Source,
  SyncRun,
  SyncCursor,
  RejectedRecord,
  ExternalRef,
  ImportedFile,
  ApiKey,
  Ticket,
  TicketTransition,
} from './generated/prisma/client.ts';
export {
  createLogger,
  componentLogger,
  silentLogger,
  LOG_LEVELS,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  type LogComponent,
} from './logging/logger.ts';
