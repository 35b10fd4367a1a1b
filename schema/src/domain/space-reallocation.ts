import { sql } from 'kysely';
import type { SqlExecutor } from '../database/sql-db.ts';
import { fromHundredths, toHundredths } from './exact-figures.ts';
import {
  groundDistanceM,
  offerIdleRooms,
  roomsToGiveBack,
  type PlanRoom,
  type RoomOffer,
} from './reallocation-plan.ts';
import { readSpaceCompliance, type AgencyCompliance } from './space-report-reads.ts';
import { allocationInForce } from './sql-rules.ts';

export interface GiveBackSuggestion {
  agency: AgencyCompliance;
  rooms: PlanRoom[];
  /** m² the rooms hold together. */
  areaGivenBack: number;
  /** m² of office the agency keeps, and whether that is within its standard. */
  areaAfter: number;
  withinStandardAfter: boolean;
}

export interface AssignSuggestion {
  agency: AgencyCompliance;
  offers: RoomOffer<PlanRoom>[];
  areaOffered: number;
}

export interface SpaceReallocationPlan {
  giveBack: GiveBackSuggestion[];
  assign: AssignSuggestion[];
}

/**
 * 调剂 suggestions over the district as it stands at `at`: for each over-standard agency the fewest of
 * its office rooms to give back (rooms it shares with another agency stay out: one agency cannot give
 * them back alone); for each agency short of space the idle office rooms that fit (status IDLE, no
 * allocation in force, no reallocation already asked for), same building first, then the nearest.
 */
export async function planSpaceReallocation(
  db: SqlExecutor,
  options: { edition: string; at: Date },
): Promise<SpaceReallocationPlan> {
  const compliance = await readSpaceCompliance(db, options);
  const [held, idle, buildings] = await Promise.all([
    db
      .selectFrom('RoomAllocation')
      .innerJoin('Room', 'Room.id', 'RoomAllocation.roomId')
      .select([
        'RoomAllocation.agencyId',
        'Room.id',
        'Room.buildingId',
        'Room.category',
        sql<string>`"Room"."usableArea"::text`.as('area'),
        sql<number>`(count(*) OVER (PARTITION BY "Room".id))::int`.as('holders'),
      ])
      .where(allocationInForce(options.at))
      .where('Room.deletedAt', 'is', null)
      .execute(),
    db
      .selectFrom('Room')
      .select(['Room.id', 'Room.buildingId', sql<string>`"Room"."usableArea"::text`.as('area')])
      .where('Room.deletedAt', 'is', null)
      .where('Room.status', '=', 'IDLE')
      .where('Room.category', '=', 'OFFICE')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('RoomAllocation')
              .select('RoomAllocation.id')
              .whereRef('RoomAllocation.roomId', '=', 'Room.id')
              .where(allocationInForce(options.at)),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('RoomReallocation')
              .select('RoomReallocation.id')
              .whereRef('RoomReallocation.roomId', '=', 'Room.id')
              .where('RoomReallocation.status', '=', 'REQUESTED'),
          ),
        ),
      )
      .orderBy('Room.id')
      .execute(),
    db
      .selectFrom('Building')
      .select(['Building.id', 'Building.centroidLon', 'Building.centroidLat'])
      .where('Building.deletedAt', 'is', null)
      .execute(),
  ]);
  const centroid = new Map(buildings.map((b) => [b.id, [b.centroidLon, b.centroidLat] as [number, number]]));
  const distance = (from: number, to: number) => {
    const a = centroid.get(from);
    const b = centroid.get(to);
    return a && b ? groundDistanceM(a, b) : Number.MAX_SAFE_INTEGER;
  };
  const toPlanRoom = (row: { id: number; buildingId: number; area: string }): PlanRoom => ({
    id: row.id,
    buildingId: row.buildingId,
    area: toHundredths(row.area),
  });

  const giveBack = compliance
    .filter((agency) => agency.overStandard)
    .map((agency): GiveBackSuggestion => {
      const own = held
        .filter((row) => row.agencyId === agency.agencyId && row.category === 'OFFICE' && row.holders === 1)
        .map(toPlanRoom);
      const rooms = roomsToGiveBack(own, toHundredths(agency.excessArea));
      const given = rooms.reduce((sum, room) => sum + room.area, 0);
      const after = toHundredths(agency.allocatedOfficeArea) - given;
      return {
        agency,
        rooms,
        areaGivenBack: fromHundredths(given),
        areaAfter: fromHundredths(after),
        withinStandardAfter: after <= toHundredths(agency.standardArea),
      };
    });

  const short = compliance.filter((agency) => agency.shortfallArea > 0);
  const offers = offerIdleRooms(
    short.map((agency) => ({
      agencyId: agency.agencyId,
      shortfall: toHundredths(agency.shortfallArea),
      buildingIds: [
        ...new Set(held.filter((row) => row.agencyId === agency.agencyId).map((row) => row.buildingId)),
      ],
    })),
    idle.map(toPlanRoom),
    distance,
  );
  const assign = short
    .filter((agency) => offers.has(agency.agencyId))
    .map((agency) => {
      const mine = offers.get(agency.agencyId)!;
      return {
        agency,
        offers: mine,
        areaOffered: fromHundredths(mine.reduce((sum, offer) => sum + offer.room.area, 0)),
      };
    });
  return { giveBack, assign };
}
