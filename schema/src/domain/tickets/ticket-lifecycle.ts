import { sql, type UpdateObject } from 'kysely';
import { inTransaction, type DB, type SqlExecutor } from '../../database/sql-db.ts';
import type {
  TicketAction,
  TicketChannel,
  TicketKind,
  TicketState,
  TicketUrgency,
} from '../../generated/kysely/enums.ts';
import { DISTRICT_TIME_ZONE } from '../district-time-zone.ts';
import { InvalidInputError, NotFoundError } from '../domain-errors.ts';
import { nextState } from './ticket-machine.ts';

/** A matter as the hotline takes it in (受理): the 五要素 and where it is. */
export interface TicketIntake {
  channel: TicketChannel;
  kind: TicketKind;
  urgency?: TicketUrgency;
  categoryCode?: string | null;
  content: string;
  requesterName?: string | null;
  requesterPhone?: string | null;
  requesterUnit?: string | null;
  anonymous?: boolean;
  buildingId?: number | null;
  floorId?: number | null;
  roomId?: number | null;
  addressText?: string | null;
  alertId?: number | null;
  assetId?: number | null;
  vehicleId?: number | null;
}

/** What a move carries; each action reads the fields it needs (`REQUIRED`). */
export interface TicketMove {
  /** DISPATCH, DESIGNATE: the 承办单位. */
  unit?: string;
  /** SIGN: the 经办人 (default: the actor). */
  handler?: string;
  /** RETURN, EXTEND: the reason; others: a note. */
  note?: string;
  /** EXTEND: the new 办结 due time. */
  until?: Date;
  /** CLOSE: 办理结果 and how the requester was answered. */
  result?: string;
  replyMethod?: string;
  /** CALL_BACK: the requester's answers. */
  solved?: boolean;
  satisfied?: boolean;
  /** EVALUATE: 1 (very unsatisfied) to 5. */
  evaluation?: number;
  /** Due times the move sets (the time-limit clocks compute them). */
  signDueAt?: Date | null;
  closeDueAt?: Date | null;
  callBackDueAt?: Date | null;
}

/** The fields each action cannot do without. */
const REQUIRED: Partial<Record<TicketAction, (keyof TicketMove)[]>> = {
  DISPATCH: ['unit'],
  DESIGNATE: ['unit'],
  RETURN: ['note'],
  EXTEND: ['note', 'until'],
  CLOSE: ['result'],
  CALL_BACK: ['solved', 'satisfied'],
};

/** One recorded move, as `TicketTransition` keeps it and `ticketChanged` publishes it. */
export interface TicketMoved {
  ticketId: number;
  number: string;
  action: TicketAction;
  fromState: TicketState | null;
  toState: TicketState;
  at: Date;
  actor: string;
}

const TICKET_COLUMNS = [
  'Ticket.id',
  'Ticket.number',
  'Ticket.state',
  'Ticket.kind',
  'Ticket.returnCount',
  'Ticket.designated',
  'Ticket.closeDueAt',
] as const;

const NUMBER_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISTRICT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** 工单编号: `GD`, the district's date of intake, and the row's id (`GD20261204-000123`): unique, sortable. */
export function ticketNumber(id: number, receivedAt: Date): string {
  return `GD${NUMBER_DATE.format(receivedAt).replace(/-/g, '')}-${String(id).padStart(6, '0')}`;
}

async function record(
  tx: SqlExecutor,
  moved: TicketMoved,
  note: string | null,
  details: Record<string, unknown> | null,
): Promise<TicketMoved> {
  await tx
    .insertInto('TicketTransition')
    .values({
      ticketId: moved.ticketId,
      action: moved.action,
      fromState: moved.fromState,
      toState: moved.toState,
      at: moved.at,
      actor: moved.actor,
      note,
      details: details === null ? null : JSON.stringify(details),
    })
    .execute();
  return moved;
}

/** 受理: a new ticket in RECEIVED, numbered, with its intake recorded. */
export function receiveTicket(
  db: SqlExecutor,
  intake: TicketIntake,
  actor: string,
  at: Date = new Date(),
): Promise<TicketMoved> {
  if (!intake.content.trim()) throw new InvalidInputError('a ticket needs its matter (content)', 'content');
  return inTransaction(db, async (tx) => {
    // The id comes first so the number can carry it: one statement, no placeholder number to update.
    const { id } = await sql<{
      id: number;
    }>`SELECT nextval(pg_get_serial_sequence('"Ticket"', 'id'))::int AS id`
      .execute(tx)
      .then((result) => result.rows[0]!);
    const number = ticketNumber(id, at);
    await tx
      .insertInto('Ticket')
      .values({ ...intake, id, number, receivedAt: at, receivedBy: actor, updatedAt: at })
      .execute();
    const moved = {
      ticketId: id,
      number,
      action: 'RECEIVE',
      fromState: null,
      toState: 'RECEIVED',
      at,
      actor,
    };
    return record(tx, moved as TicketMoved, null, null);
  });
}

/** The columns `action` sets besides the state. */
function changesOf(
  action: TicketAction,
  move: TicketMove,
  actor: string,
  at: Date,
): UpdateObject<DB, 'Ticket'> {
  const dues = {
    ...(move.signDueAt !== undefined ? { signDueAt: move.signDueAt } : {}),
    ...(move.closeDueAt !== undefined ? { closeDueAt: move.closeDueAt } : {}),
    ...(move.callBackDueAt !== undefined ? { callBackDueAt: move.callBackDueAt } : {}),
  };
  switch (action) {
    case 'DISPATCH':
    case 'DESIGNATE':
      return {
        ...dues,
        handlingUnit: move.unit,
        handler: null,
        dispatchCount: sql`"dispatchCount" + 1`,
        dispatchedAt: at,
        ...(action === 'DESIGNATE' ? { designated: true } : {}),
      };
    case 'RETURN':
      return {
        ...dues,
        handlingUnit: null,
        handler: null,
        signDueAt: null,
        returnCount: sql`"returnCount" + 1`,
      };
    case 'SIGN':
      return { ...dues, signedAt: at, handler: move.handler ?? actor };
    case 'EXTEND':
      return { ...dues, closeDueAt: move.until };
    case 'CLOSE':
      return { ...dues, closedAt: at, result: move.result, replyMethod: move.replyMethod ?? null };
    case 'CALL_BACK':
      return { ...dues, calledBackAt: at, solved: move.solved, satisfied: move.satisfied };
    case 'REHANDLE':
      return { ...dues, closedAt: null, rehandleCount: sql`"rehandleCount" + 1` };
    case 'EVALUATE':
      return { ...dues, evaluatedAt: at, evaluation: move.evaluation ?? null };
    case 'ARCHIVE':
      return { ...dues, archivedAt: at };
    default:
      return dues;
  }
}

function validate(action: TicketAction, move: TicketMove, closeDueAt: Date | null): void {
  for (const field of REQUIRED[action] ?? []) {
    const value = move[field];
    if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
      throw new InvalidInputError(`${action} needs ${field}`, field);
    }
  }
  if (action === 'EXTEND' && closeDueAt && move.until!.getTime() <= closeDueAt.getTime()) {
    throw new InvalidInputError('an extension must end after the current due time', 'until');
  }
  const evaluation = move.evaluation;
  if (evaluation !== undefined && (!Number.isInteger(evaluation) || evaluation < 1 || evaluation > 5)) {
    throw new InvalidInputError(`evaluation must be an integer from 1 to 5, got ${evaluation}`, 'evaluation');
  }
}

/**
 * Moves the ticket `number` by `action`, under a row lock so two handlers acting at once are applied one
 * after the other (the second against the first's result), and records the move with its time and
 * actor. A call-back that is not both solved and satisfied is followed at once by 重办 (REHANDLE, back
 * to 办理), recorded as a move of its own. Returns the moves made, to publish once committed.
 */
export function moveTicket(
  db: SqlExecutor,
  number: string,
  action: TicketAction,
  move: TicketMove,
  actor: string,
  at: Date = new Date(),
): Promise<TicketMoved[]> {
  return inTransaction(db, async (tx) => {
    const ticket = await tx
      .selectFrom('Ticket')
      .select(TICKET_COLUMNS)
      .where('Ticket.number', '=', number)
      .forUpdate()
      .executeTakeFirst();
    if (!ticket) throw new NotFoundError(`no ticket ${number}`, { number });
    const to = nextState(ticket, action);
    validate(action, move, ticket.closeDueAt);
    await tx
      .updateTable('Ticket')
      .set({ ...changesOf(action, move, actor, at), state: to, updatedAt: at })
      .where('Ticket.id', '=', ticket.id)
      .execute();
    const details = Object.fromEntries(
      Object.entries(move).filter(([key, value]) => key !== 'note' && value !== undefined),
    );
    const base = { ticketId: ticket.id, number, at, actor };
    const moves = [
      await record(
        tx,
        { ...base, action, fromState: ticket.state, toState: to },
        move.note ?? null,
        Object.keys(details).length ? details : null,
      ),
    ];
    if (action === 'CALL_BACK' && !(move.solved && move.satisfied)) {
      const back = nextState({ ...ticket, state: to }, 'REHANDLE');
      await tx
        .updateTable('Ticket')
        .set({ ...changesOf('REHANDLE', {}, actor, at), state: back })
        .where('Ticket.id', '=', ticket.id)
        .execute();
      const why = move.solved ? 'requester not satisfied' : 'not solved';
      moves.push(await record(tx, { ...base, action: 'REHANDLE', fromState: to, toState: back }, why, null));
    }
    return moves;
  });
}
