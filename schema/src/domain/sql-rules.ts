import { expressionBuilder, sql, type Expression, type ExpressionBuilder } from 'kysely';
import type { DB } from '../database/sql-db.ts';
import type { AlertStatus } from '../generated/kysely/enums.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/*
 * The business rules that hand-written SQL applies, each written once as a Kysely expression. A
 * reader puts the rule in its own statement (a WHERE, a subquery, a LATERAL join) instead of
 * spelling the condition again, so the rule cannot drift between the readers that apply it.
 * Each rule names its table unaliased: use it where that table is in scope under its own name.
 */

/**
 * A room allocation in force at `at`: begun (`validFrom <= at`), not yet ended (`validTo` is open or
 * after `at`: an allocation ending at `at` is over at `at`), and not soft-deleted by its source.
 */
export function allocationInForce(at: Date) {
  return (eb: ExpressionBuilder<DB, 'RoomAllocation'>) =>
    eb.and([
      eb('RoomAllocation.deletedAt', 'is', null),
      eb('RoomAllocation.validFrom', '<=', at),
      eb.or([eb('RoomAllocation.validTo', 'is', null), eb('RoomAllocation.validTo', '>', at)]),
    ]);
}

/**
 * The statuses of an active alert: raised and not yet resolved, whether or not an operator has
 * acknowledged it. Named rather than "not RESOLVED", so a status added later is not active by
 * accident, and so the (buildingId, status) and (dedupeKey, status) indexes serve the condition.
 */
export const ACTIVE_ALERT_STATUSES = ['OPEN', 'ACKNOWLEDGED'] as const satisfies readonly AlertStatus[];

/** The statuses as SQL literals: the statement's text says the rule, and a plan never depends on them. */
const ACTIVE_STATUS_LITERALS = ACTIVE_ALERT_STATUSES.map((status) => sql.lit(status));

/** An active alert: one of `ACTIVE_ALERT_STATUSES`, and not soft-deleted by its source. */
export function alertIsActive(eb: ExpressionBuilder<DB, 'Alert'>) {
  return eb.and([eb('Alert.deletedAt', 'is', null), eb('Alert.status', 'in', ACTIVE_STATUS_LITERALS)]);
}

/**
 * `alertIsActive` for a reader that goes through Prisma (a gauge's `groupBy`, a rule's lookup): the
 * same statuses and the same soft-delete, so the two forms cannot drift (sql-rules.test.ts checks they
 * select the same alerts).
 */
export const ACTIVE_ALERT_WHERE = {
  deletedAt: null,
  status: { in: [...ACTIVE_ALERT_STATUSES] },
} as const satisfies Prisma.AlertWhereInput;

/**
 * A vehicle's current position: its latest fix by time; of fixes with the same time, the one written
 * last (highest id). One row at most, read from the (vehicleId, time DESC) index, so a LATERAL join
 * of it walks one index entry per vehicle instead of sorting every fix the vehicles ever reported.
 * Select the columns you need from it.
 */
export function currentPosition(vehicleId: Expression<number>) {
  return expressionBuilder<DB, never>()
    .selectFrom('VehiclePosition')
    .where('VehiclePosition.vehicleId', '=', vehicleId)
    .orderBy('VehiclePosition.time', 'desc')
    .orderBy('VehiclePosition.id', 'desc')
    .limit(1);
}
