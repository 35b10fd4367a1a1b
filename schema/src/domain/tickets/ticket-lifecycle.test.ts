import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDb } from '../../database/sql-db.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { InvalidInputError } from '../domain-errors.ts';
import { moveTicket, receiveTicket, ticketNumber, type TicketIntake } from './ticket-lifecycle.ts';
import { IllegalTransitionError } from './ticket-machine.ts';

let database: TestDatabase;
let db: SqlDb;

const T0 = Date.parse('2026-12-04T01:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

const leak: TicketIntake = {
  channel: 'PHONE',
  kind: 'HELP',
  urgency: 'EXTRA_URGENT',
  content: '3号楼5层卫生间漏水，水已流到走廊',
  requesterName: '王敏',
  requesterPhone: '13800001234',
  requesterUnit: '市发展改革委',
};

async function received(intake: TicketIntake = leak): Promise<string> {
  return (await receiveTicket(db, intake, 'hotline agent 07', at(0))).number;
}

const ticketOf = (number: string) =>
  db.selectFrom('Ticket').selectAll().where('number', '=', number).executeTakeFirstOrThrow();

const historyOf = (number: string) =>
  db
    .selectFrom('TicketTransition')
    .innerJoin('Ticket', 'Ticket.id', 'TicketTransition.ticketId')
    .select([
      'TicketTransition.action',
      'TicketTransition.fromState',
      'TicketTransition.toState',
      'TicketTransition.at',
      'TicketTransition.actor',
      'TicketTransition.note',
    ])
    .where('Ticket.number', '=', number)
    .orderBy('TicketTransition.id')
    .execute();

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.sql;
});

afterAll(() => database.drop());

describe('the ticket lifecycle', () => {
  it('numbers a ticket by the district’s date of intake', () => {
    // 2026-12-03 17:30 UTC is already 12-04 in Beijing.
    expect(ticketNumber(123, new Date('2026-12-03T17:30:00Z'))).toBe('GD20261204-000123');
  });

  it('runs 受理 → 派单 → 签收 → 办理 → 办结 → 回访 → 评价 → 归档, each move recorded with its time and actor', async () => {
    const number = await received();
    await moveTicket(db, number, 'DISPATCH', { unit: '物业服务中心' }, 'hotline agent 07', at(2));
    await moveTicket(db, number, 'SIGN', { handler: '李工' }, '物业服务中心', at(10));
    await moveTicket(db, number, 'HANDLE', {}, '李工', at(12));
    await moveTicket(
      db,
      number,
      'CLOSE',
      { result: '更换阀门，已止水', replyMethod: 'phone' },
      '李工',
      at(80),
    );
    await moveTicket(
      db,
      number,
      'CALL_BACK',
      { solved: true, satisfied: true },
      'hotline agent 03',
      at(1500),
    );
    await moveTicket(db, number, 'EVALUATE', { evaluation: 5 }, 'hotline agent 03', at(1501));
    await moveTicket(db, number, 'ARCHIVE', {}, 'hotline agent 03', at(1502));

    expect(await ticketOf(number)).toMatchObject({
      state: 'ARCHIVED',
      handlingUnit: '物业服务中心',
      handler: '李工',
      dispatchCount: 1,
      signedAt: at(10),
      closedAt: at(80),
      result: '更换阀门，已止水',
      solved: true,
      satisfied: true,
      evaluation: 5,
      archivedAt: at(1502),
    });
    const history = await historyOf(number);
    expect(history.map((h) => [h.action, h.fromState, h.toState])).toEqual([
      ['RECEIVE', null, 'RECEIVED'],
      ['DISPATCH', 'RECEIVED', 'DISPATCHED'],
      ['SIGN', 'DISPATCHED', 'SIGNED'],
      ['HANDLE', 'SIGNED', 'HANDLING'],
      ['CLOSE', 'HANDLING', 'CLOSED'],
      ['CALL_BACK', 'CLOSED', 'CALLED_BACK'],
      ['EVALUATE', 'CALLED_BACK', 'EVALUATED'],
      ['ARCHIVE', 'EVALUATED', 'ARCHIVED'],
    ]);
    expect(history[2]).toMatchObject({ at: at(10), actor: '物业服务中心' });
  });

  it('refuses an illegal move with a typed error and leaves the ticket and its history as they were', async () => {
    const number = await received();
    const signing = moveTicket(db, number, 'SIGN', {}, '物业服务中心', at(1));
    await expect(signing).rejects.toBeInstanceOf(IllegalTransitionError);
    await expect(signing).rejects.toMatchObject({
      code: 'ticket/illegal_transition',
      from: 'RECEIVED',
      action: 'SIGN',
    });
    await expect(moveTicket(db, number, 'ARCHIVE', {}, 'x', at(1))).rejects.toBeInstanceOf(
      IllegalTransitionError,
    );
    expect((await ticketOf(number)).state).toBe('RECEIVED');
    expect(await historyOf(number)).toHaveLength(1);
  });

  it('asks for what a move needs: a unit to dispatch to, a reason to return, a result to close', async () => {
    const number = await received();
    await expect(moveTicket(db, number, 'DISPATCH', {}, 'x', at(1))).rejects.toMatchObject({
      field: 'unit',
    });
    await moveTicket(db, number, 'DISPATCH', { unit: '保卫处' }, 'x', at(1));
    await expect(moveTicket(db, number, 'RETURN', { note: ' ' }, 'x', at(2))).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(moveTicket(db, 'GD00000000-999999', 'SIGN', {}, 'x', at(2))).rejects.toMatchObject({
      code: 'request/not_found',
    });
  });

  it('after three returns only an admin’s designation dispatches it, and a designated unit cannot return it', async () => {
    const number = await received();
    for (const [i, unit] of ['物业服务中心', '保卫处', '综合处'].entries()) {
      await moveTicket(db, number, 'DISPATCH', { unit }, 'hotline', at(i * 10));
      await moveTicket(db, number, 'RETURN', { note: '不属于本单位职责' }, unit, at(i * 10 + 5));
    }
    const fourth = moveTicket(db, number, 'DISPATCH', { unit: '物业服务中心' }, 'hotline', at(40));
    await expect(fourth).rejects.toThrow(/an admin designates/);
    await moveTicket(db, number, 'DESIGNATE', { unit: '物业服务中心' }, 'admin', at(41));
    await expect(
      moveTicket(db, number, 'RETURN', { note: '不属于本单位职责' }, '物业服务中心', at(42)),
    ).rejects.toThrow(/designated/);
    expect(await ticketOf(number)).toMatchObject({
      state: 'DISPATCHED',
      designated: true,
      dispatchCount: 4,
      returnCount: 3,
    });
  });

  it('an unsatisfied call-back sends the ticket back to 办理 (重办), recorded as a move of its own', async () => {
    const number = await received();
    await moveTicket(db, number, 'DISPATCH', { unit: '物业服务中心' }, 'hotline', at(1));
    await moveTicket(db, number, 'SIGN', {}, '李工', at(2));
    await moveTicket(db, number, 'HANDLE', {}, '李工', at(3));
    await moveTicket(db, number, 'CLOSE', { result: '已处理' }, '李工', at(30));
    const moves = await moveTicket(
      db,
      number,
      'CALL_BACK',
      { solved: true, satisfied: false },
      'hotline',
      at(60),
    );
    expect(moves.map((m) => [m.action, m.toState])).toEqual([
      ['CALL_BACK', 'CALLED_BACK'],
      ['REHANDLE', 'HANDLING'],
    ]);
    expect(await ticketOf(number)).toMatchObject({ state: 'HANDLING', rehandleCount: 1, closedAt: null });
    expect((await historyOf(number)).at(-1)).toMatchObject({ note: 'requester not satisfied' });
  });

  it('records 延期, 催办 and 督办 without moving the state; an extension must end later', async () => {
    const number = await received();
    await moveTicket(db, number, 'DISPATCH', { unit: '物业服务中心', closeDueAt: at(120) }, 'h', at(1));
    await moveTicket(db, number, 'REMIND', { note: '请尽快签收' }, 'hotline', at(5));
    await moveTicket(db, number, 'SIGN', {}, '李工', at(6));
    await expect(
      moveTicket(db, number, 'EXTEND', { note: '等配件', until: at(60) }, '李工', at(7)),
    ).rejects.toMatchObject({ field: 'until' });
    await moveTicket(db, number, 'EXTEND', { note: '等配件', until: at(600) }, '李工', at(7));
    await moveTicket(db, number, 'SUPERVISE', { note: '督办' }, 'hotline', at(700));
    expect(await ticketOf(number)).toMatchObject({ state: 'SIGNED', closeDueAt: at(600) });
    expect((await historyOf(number)).map((h) => [h.action, h.toState])).toEqual([
      ['RECEIVE', 'RECEIVED'],
      ['DISPATCH', 'DISPATCHED'],
      ['REMIND', 'DISPATCHED'],
      ['SIGN', 'SIGNED'],
      ['EXTEND', 'SIGNED'],
      ['SUPERVISE', 'SIGNED'],
    ]);
  });

  it('closes an enquiry straight from 受理 (直接答复), but not a request for help', async () => {
    const enquiry = await received({ ...leak, kind: 'CONSULT', content: '食堂几点开门？' });
    await moveTicket(db, enquiry, 'CLOSE', { result: '早餐7:00开门' }, 'hotline', at(1));
    expect((await ticketOf(enquiry)).state).toBe('CLOSED');
    const help = await received();
    await expect(moveTicket(db, help, 'CLOSE', { result: '—' }, 'hotline', at(1))).rejects.toThrow(
      /only an enquiry/,
    );
  });

  it('lets one of two handlers signing at once win; the other is refused', async () => {
    const number = await received();
    await moveTicket(db, number, 'DISPATCH', { unit: '物业服务中心' }, 'hotline', at(1));
    const results = await Promise.allSettled([
      moveTicket(db, number, 'SIGN', { handler: '李工' }, '李工', at(2)),
      moveTicket(db, number, 'SIGN', { handler: '张工' }, '张工', at(2)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(IllegalTransitionError);
    expect((await historyOf(number)).filter((h) => h.action === 'SIGN')).toHaveLength(1);
  });
});
