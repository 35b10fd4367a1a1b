import { sql } from 'kysely';
import type { SqlExecutor } from '../database/sql-db.ts';
import type { AdminLevel } from '../generated/kysely/enums.ts';
import { fromHundredths, toHundredths } from './exact-figures.ts';
import {
  spaceCompliance,
  type ComplianceResult,
  type RankLine,
  type StandardRow,
} from './space-compliance.ts';
import { allocationInForce } from './sql-rules.ts';

/*
 * The office-space reports' reads: what the migrations ship as the standard, what each agency holds,
 * and where rooms stand idle. Areas leave PostgreSQL as exact decimal text and are summed in hundredths.
 */

export interface StandardColumnRow extends StandardRow {
  adminLevel: AdminLevel;
  rank: string;
}

/** The rows of one edition of the per-person standard, every level's column. */
export function readSpaceStandard(db: SqlExecutor, edition: string): Promise<StandardColumnRow[]> {
  return db
    .selectFrom('SpaceStandard')
    .select([
      'SpaceStandard.adminLevel',
      'SpaceStandard.rank',
      'SpaceStandard.rankName',
      sql<string>`"SpaceStandard"."areaPerPerson"::text`.as('areaPerPerson'),
    ])
    .where('SpaceStandard.edition', '=', edition)
    .orderBy('SpaceStandard.adminLevel')
    .orderBy('SpaceStandard.areaPerPerson', 'desc')
    .orderBy('SpaceStandard.rank')
    .execute();
}

export interface AgencyRankLine extends RankLine {
  rankName: string | null;
  /** m² the standard allows this rank's staff together. */
  standardArea: number;
}

export interface AgencyCompliance extends ComplianceResult {
  agencyId: number;
  code: string;
  name: string;
  adminLevel: AdminLevel;
  edition: string;
  headcount: number;
  ranks: AgencyRankLine[];
}

/**
 * Each live agency (or the one with `agencyCode`) against the standard's column of its own level
 * (a Beijing or Tianjin municipal organ is 省级, as its source records it), by code order. Office rooms
 * in force at `at` count whole for each agency they are allocated to.
 */
export async function readSpaceCompliance(
  db: SqlExecutor,
  options: { edition: string; at: Date; agencyCode?: string | null },
): Promise<AgencyCompliance[]> {
  let agencyQuery = db
    .selectFrom('Agency')
    .select(['Agency.id', 'Agency.code', 'Agency.name', 'Agency.adminLevel'])
    .where('Agency.deletedAt', 'is', null)
    .orderBy('Agency.code');
  if (options.agencyCode) agencyQuery = agencyQuery.where('Agency.code', '=', options.agencyCode);
  const agencies = await agencyQuery.execute();
  if (agencies.length === 0) return [];
  const ids = agencies.map((agency) => agency.id);
  const [standard, headcounts, allocated] = await Promise.all([
    readSpaceStandard(db, options.edition),
    db
      .selectFrom('AgencyHeadcount')
      .select(['AgencyHeadcount.agencyId', 'AgencyHeadcount.rank', 'AgencyHeadcount.count'])
      .where('AgencyHeadcount.agencyId', 'in', ids)
      .orderBy('AgencyHeadcount.agencyId')
      .orderBy('AgencyHeadcount.rank')
      .execute(),
    db
      .selectFrom('RoomAllocation')
      .innerJoin('Room', 'Room.id', 'RoomAllocation.roomId')
      .select(['RoomAllocation.agencyId', sql<string>`sum("Room"."usableArea")::text`.as('area')])
      .where(allocationInForce(options.at))
      .where('Room.deletedAt', 'is', null)
      .where('Room.category', '=', 'OFFICE')
      .where('RoomAllocation.agencyId', 'in', ids)
      .groupBy('RoomAllocation.agencyId')
      .execute(),
  ]);
  const rowOf = new Map(standard.map((row) => [`${row.adminLevel}:${row.rank}`, row]));
  const areaOf = new Map(allocated.map((row) => [row.agencyId, row.area]));
  return agencies.map((agency) => {
    const ranks: AgencyRankLine[] = headcounts
      .filter((line) => line.agencyId === agency.id)
      .map((line) => {
        const row = rowOf.get(`${agency.adminLevel}:${line.rank}`) ?? null;
        return {
          rank: line.rank,
          headcount: line.count,
          standard: row,
          rankName: row?.rankName ?? null,
          standardArea: row ? fromHundredths(line.count * toHundredths(row.areaPerPerson)) : 0,
        };
      });
    return {
      agencyId: agency.id,
      code: agency.code,
      name: agency.name,
      adminLevel: agency.adminLevel,
      edition: options.edition,
      headcount: ranks.reduce((sum, line) => sum + line.headcount, 0),
      ranks,
      ...spaceCompliance(ranks, areaOf.get(agency.id) ?? 0),
    };
  });
}

export interface IdleSpaceRow {
  buildingId: number;
  code: string;
  name: string;
  idleRooms: number;
  /** m², exact. */
  idleArea: number;
  /** m² of all live rooms of the building. */
  totalArea: number;
}

/**
 * Idle rooms per live building (status IDLE: no allocation and not renovating or lent out), against
 * the usable area of all its live rooms; most idle area first. Buildings without idle rooms are left
 * out unless one building is asked for.
 */
export async function readIdleSpace(db: SqlExecutor, buildingCode?: string | null): Promise<IdleSpaceRow[]> {
  let query = db
    .selectFrom('Building')
    .innerJoin('Room', (join) =>
      join.onRef('Room.buildingId', '=', 'Building.id').on('Room.deletedAt', 'is', null),
    )
    .select([
      'Building.id as buildingId',
      'Building.code',
      'Building.name',
      sql<number>`(count(*) FILTER (WHERE "Room".status = 'IDLE'))::int`.as('idleRooms'),
      sql<string>`coalesce(sum("Room"."usableArea") FILTER (WHERE "Room".status = 'IDLE'), 0)::text`.as(
        'idleArea',
      ),
      sql<string>`coalesce(sum("Room"."usableArea"), 0)::text`.as('totalArea'),
    ])
    .where('Building.deletedAt', 'is', null)
    .groupBy('Building.id');
  if (buildingCode) query = query.where('Building.code', '=', buildingCode);
  const rows = await query.execute();
  return rows
    .map((row) => ({
      buildingId: row.buildingId,
      code: row.code,
      name: row.name,
      idleRooms: row.idleRooms,
      idleArea: fromHundredths(toHundredths(row.idleArea)),
      totalArea: fromHundredths(toHundredths(row.totalArea)),
    }))
    .filter((row) => row.idleRooms > 0 || buildingCode)
    .sort((a, b) => b.idleArea - a.idleArea || a.code.localeCompare(b.code));
}
