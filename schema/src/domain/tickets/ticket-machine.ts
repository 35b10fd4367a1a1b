import { HubError } from '../../errors/index.ts';
import type { TicketAction, TicketKind, TicketState } from '../../generated/kysely/enums.ts';

/*
 * The 工单 lifecycle as a table: 受理 → 派单 → 签收 → 办理 → 办结 → 回访 → 评价 → 归档, with 退单 (back to
 * 受理, to be dispatched again), 延期, 催办 and 督办 (the state stays) and 重办 (an unsatisfied call-back
 * sends it back to 办理). Composed from 国办发〔2020〕53号, Beijing's 接诉即办 regulation and Tianjin's
 * rules (../shared/design/costs-and-hotline.md §3.2). Pure: `ticket-lifecycle.ts` applies it in SQL.
 */

/** A move the ticket's state does not allow, or that lacks what the rules ask for; the client may see it. */
export class IllegalTransitionError extends HubError {
  override readonly name = 'IllegalTransitionError';
  constructor(
    message: string,
    readonly from: TicketState,
    readonly action: TicketAction,
  ) {
    super('ticket/illegal_transition', message, { details: { from, action }, exposeToClient: true });
  }
}

/**
 * Dispatches that came back (退单) before the hotline designates an owner: Tianjin's draft rules on
 * returning tickets, "after 3 dispatches without an owner the hotline designates one".
 */
export const DISPATCHES_BEFORE_DESIGNATION = 3;

/** Where the state stays the same: the move is recorded, the ticket does not advance. */
const SAME = 'same';

/** From which states each action may start, and the state it leads to. `RECEIVE` only creates a ticket. */
const MOVES: Record<TicketAction, { from: readonly TicketState[]; to: TicketState | typeof SAME }> = {
  RECEIVE: { from: [], to: 'RECEIVED' },
  DISPATCH: { from: ['RECEIVED'], to: 'DISPATCHED' },
  DESIGNATE: { from: ['RECEIVED', 'DISPATCHED'], to: 'DISPATCHED' },
  RETURN: { from: ['DISPATCHED', 'SIGNED'], to: 'RECEIVED' },
  SIGN: { from: ['DISPATCHED'], to: 'SIGNED' },
  HANDLE: { from: ['SIGNED'], to: 'HANDLING' },
  EXTEND: { from: ['SIGNED', 'HANDLING'], to: SAME },
  REMIND: { from: ['DISPATCHED', 'SIGNED', 'HANDLING', 'CLOSED'], to: SAME },
  SUPERVISE: { from: ['DISPATCHED', 'SIGNED', 'HANDLING', 'CLOSED'], to: SAME },
  // 直接答复: an enquiry the hotline answers itself (from its knowledge base) closes from 受理.
  CLOSE: { from: ['HANDLING', 'RECEIVED'], to: 'CLOSED' },
  CALL_BACK: { from: ['CLOSED'], to: 'CALLED_BACK' },
  REHANDLE: { from: ['CALLED_BACK'], to: 'HANDLING' },
  EVALUATE: { from: ['CALLED_BACK'], to: 'EVALUATED' },
  ARCHIVE: { from: ['EVALUATED'], to: 'ARCHIVED' },
};

/** What of a ticket the rules look at besides its state. */
export interface TicketFacts {
  state: TicketState;
  kind: TicketKind;
  returnCount: number;
  designated: boolean;
}

/**
 * The state `action` leads `ticket` to, or an IllegalTransitionError naming why not: the state does not
 * allow it; a ticket whose owner was designated cannot be returned (首接负责制); after
 * `DISPATCHES_BEFORE_DESIGNATION` returns only an admin's designation dispatches it; only an enquiry
 * (咨询) is closed straight from 受理.
 */
export function nextState(ticket: TicketFacts, action: TicketAction): TicketState {
  const move = MOVES[action];
  const refuse = (why: string) =>
    new IllegalTransitionError(`cannot ${action} a ticket in ${ticket.state}: ${why}`, ticket.state, action);
  if (!move.from.includes(ticket.state)) {
    throw refuse(`allowed from ${move.from.join(', ') || 'no state (a new ticket only)'}`);
  }
  if (action === 'RETURN' && ticket.designated) throw refuse('its handling unit was designated');
  if (action === 'DISPATCH' && ticket.returnCount >= DISPATCHES_BEFORE_DESIGNATION) {
    throw refuse(`returned ${ticket.returnCount} times: an admin designates the handling unit`);
  }
  if (action === 'CLOSE' && ticket.state === 'RECEIVED' && ticket.kind !== 'CONSULT') {
    throw refuse('only an enquiry (咨询) is answered without dispatch');
  }
  return move.to === SAME ? ticket.state : move.to;
}
