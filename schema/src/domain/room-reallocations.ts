import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../database/prisma-client.ts';
import type { RoomReallocationKind } from '../generated/prisma/enums.ts';
import { contentHash, HUB_SOURCE } from './row-identity.ts';
import { InvalidInputError, NotFoundError } from './domain-errors.ts';

/** Allocations of a room in force at `at`, as Prisma says `allocationInForce`. */
const inForce = (at: Date) => ({
  deletedAt: null,
  validFrom: { lte: at },
  OR: [{ validTo: null }, { validTo: { gt: at } }],
});

/**
 * An operator asks for a room to be given back by an agency (GIVE_BACK) or assigned to one (ASSIGN),
 * usually from a `spaceReallocation` suggestion. Refused when the room is not in the state the kind
 * needs, or already has a request waiting for a decision.
 */
export async function requestRoomReallocation(
  prisma: PrismaClient,
  input: { roomId: number; agencyCode: string; kind: RoomReallocationKind; reason: string | null },
  actor: string,
) {
  const now = new Date();
  const room = await prisma.room.findFirst({
    where: { id: input.roomId, deletedAt: null },
    include: { allocations: { where: inForce(now) } },
  });
  if (!room) throw new NotFoundError(`no room ${input.roomId}`, { roomId: input.roomId });
  const agency = await prisma.agency.findFirst({ where: { code: input.agencyCode, deletedAt: null } });
  if (!agency)
    throw new NotFoundError(`no agency with code "${input.agencyCode}"`, { agency: input.agencyCode });
  if (input.kind === 'GIVE_BACK' && !room.allocations.some((a) => a.agencyId === agency.id)) {
    throw new InvalidInputError(`room ${room.number} is not allocated to ${agency.code}`, 'room');
  }
  if (input.kind === 'ASSIGN' && (room.status !== 'IDLE' || room.allocations.length > 0)) {
    throw new InvalidInputError(`room ${room.number} is not idle`, 'room');
  }
  const waiting = await prisma.roomReallocation.count({ where: { roomId: room.id, status: 'REQUESTED' } });
  if (waiting > 0) throw new InvalidInputError(`room ${room.number} already has a request waiting`, 'room');
  return prisma.roomReallocation.create({
    data: {
      kind: input.kind,
      roomId: room.id,
      agencyId: agency.id,
      reason: input.reason,
      requestedAt: now,
      requestedBy: actor,
    },
  });
}

/**
 * An administrator decides. Approval changes the ledger in the same transaction: a room given back has
 * the agency's allocation ended now and stands idle; an assigned room gets an allocation from now
 * (recorded as the hub's, until the office-space system's own record arrives) and is in use.
 */
export async function decideRoomReallocation(
  prisma: PrismaClient,
  input: { requestId: number; approve: boolean; note: string | null },
  actor: string,
) {
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const decided = await tx.roomReallocation.updateMany({
      where: { id: input.requestId, status: 'REQUESTED' },
      data: {
        status: input.approve ? 'APPROVED' : 'REJECTED',
        decidedAt: now,
        decidedBy: actor,
        decisionNote: input.note,
      },
    });
    const request = await tx.roomReallocation.findUnique({ where: { id: input.requestId } });
    if (!request)
      throw new NotFoundError(`no room reallocation ${input.requestId}`, { requestId: input.requestId });
    if (decided.count === 0) {
      throw new InvalidInputError(`request ${request.id} was already ${request.status}`, 'request');
    }
    if (!input.approve) return request;
    if (request.kind === 'GIVE_BACK') {
      await tx.roomAllocation.updateMany({
        where: { roomId: request.roomId, agencyId: request.agencyId, ...inForce(now) },
        data: { validTo: now },
      });
      await tx.room.update({ where: { id: request.roomId }, data: { status: 'IDLE' } });
    } else {
      const fields = { roomId: request.roomId, agencyId: request.agencyId, occupants: 0, validFrom: now };
      await tx.roomAllocation.create({
        data: { ...fields, source: HUB_SOURCE, externalId: randomUUID(), contentHash: contentHash(fields) },
      });
      await tx.room.update({ where: { id: request.roomId }, data: { status: 'IN_USE' } });
    }
    return request;
  });
}
