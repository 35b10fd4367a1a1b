import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDb } from '../database/sql-db.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { ACTIVE_ALERT_WHERE, alertIsActive, allocationInForce, currentPosition } from './sql-rules.ts';

let database: TestDatabase;
let db: SqlDb;

const provenance = (id: string) => ({ source: 'test', externalId: id, contentHash: id });
const AT = new Date('2026-11-15T08:00:00.000Z');
const msFromAt = (ms: number) => new Date(AT.getTime() + ms);

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.sql;
});

afterAll(() => database.drop());

describe('allocationInForce', () => {
  it('holds from validFrom on, up to but not at validTo, and never for a deleted allocation', async () => {
    const { id: buildingId } = await db
      .insertInto('Building')
      .values({
        code: 'R-1',
        name: 'R-1',
        footprint: {},
        centroidLon: 116.7,
        centroidLat: 39.9,
        floorsAbove: 1,
        height: 3.6,
        ...provenance('R-1'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: roomId } = await db
      .insertInto('Room')
      .values({ buildingId, number: '101', usableArea: '18', category: 'OFFICE', ...provenance('R-101') })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: agencyId } = await db
      .insertInto('Agency')
      .values({ code: 'AG-R', name: 'AG-R', ...provenance('AG-R') })
      .returning('id')
      .executeTakeFirstOrThrow();
    const allocations = {
      'open-ended': { validFrom: msFromAt(-86_400_000), validTo: null },
      'begins at the instant': { validFrom: AT, validTo: null },
      'ends just after': { validFrom: msFromAt(-86_400_000), validTo: msFromAt(1) },
      'ends at the instant': { validFrom: msFromAt(-86_400_000), validTo: AT },
      'ended before': { validFrom: msFromAt(-86_400_000), validTo: msFromAt(-1) },
      'begins just after': { validFrom: msFromAt(1), validTo: null },
      deleted: { validFrom: msFromAt(-86_400_000), validTo: null, deletedAt: msFromAt(-3_600_000) },
    };
    await db
      .insertInto('RoomAllocation')
      .values(
        Object.entries(allocations).map(([name, period]) => ({
          roomId,
          agencyId,
          occupants: 1,
          ...period,
          ...provenance(name),
        })),
      )
      .execute();

    const inForce = await db
      .selectFrom('RoomAllocation')
      .select('externalId')
      .where(allocationInForce(AT))
      .orderBy('externalId')
      .execute();
    expect(inForce.map((row) => row.externalId)).toEqual([
      'begins at the instant',
      'ends just after',
      'open-ended',
    ]);
  });
});

describe('alertIsActive', () => {
  it('counts open and acknowledged alerts, not resolved or soft-deleted ones, in SQL and through Prisma alike', async () => {
    const alert = (
      name: string,
      status: 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED',
      deletedAt: Date | null = null,
    ) => ({
      severity: 'MAJOR' as const,
      status,
      kind: 'LEAK',
      message: name,
      dedupeKey: name,
      raisedAt: AT,
      lastSeenAt: AT,
      deletedAt,
      ...provenance(name),
    });
    await db
      .insertInto('Alert')
      .values([
        alert('open', 'OPEN'),
        alert('acknowledged', 'ACKNOWLEDGED'),
        alert('resolved', 'RESOLVED'),
        alert('open but deleted', 'OPEN', AT),
        alert('acknowledged but deleted', 'ACKNOWLEDGED', AT),
      ])
      .execute();

    const active = await db
      .selectFrom('Alert')
      .select('message')
      .where(alertIsActive)
      .orderBy('message')
      .execute();
    expect(active.map((row) => row.message)).toEqual(['acknowledged', 'open']);
    const throughPrisma = await database.prisma.alert.findMany({
      where: ACTIVE_ALERT_WHERE,
      orderBy: { message: 'asc' },
    });
    expect(throughPrisma.map((row) => row.message)).toEqual(['acknowledged', 'open']);
  });
});

describe('currentPosition', () => {
  it('is the latest fix by time, the last written of fixes with the same time, and none for a vehicle without fixes', async () => {
    const vehicles = await db
      .insertInto('Vehicle')
      .values(
        ['京A·R0001', '京A·R0002', '京A·R0003'].map((plate) => ({
          plate,
          energyType: 'BEV' as const,
          ...provenance(plate),
        })),
      )
      .returning(['id', 'plate'])
      .execute();
    const [moving, tied, parked] = vehicles.map((vehicle) => vehicle.id) as [number, number, number];
    const fix = (vehicleId: number, name: string, time: Date) => ({
      vehicleId,
      time,
      lon: 116.7,
      lat: 39.9,
      source: 'test',
      externalId: name,
    });
    // Inserted one at a time, in this order, so the ids grow down the list.
    for (const row of [
      fix(moving, 'moving latest', msFromAt(60_000)),
      fix(moving, 'moving earlier, written last', AT),
      fix(tied, 'tied, written first', AT),
      fix(tied, 'tied, written second', AT),
      fix(tied, 'tied, earlier', msFromAt(-60_000)),
    ])
      await db.insertInto('VehiclePosition').values(row).execute();

    const positions = await db
      .selectFrom('Vehicle')
      .crossJoinLateral((vehicle) => currentPosition(vehicle.ref('Vehicle.id')).select('externalId').as('p'))
      .select(['Vehicle.id', 'p.externalId'])
      .where('Vehicle.id', 'in', [moving, tied, parked])
      .orderBy('Vehicle.id')
      .execute();
    expect(positions).toEqual([
      { id: moving, externalId: 'moving latest' },
      { id: tied, externalId: 'tied, written second' },
    ]);
  });
});
