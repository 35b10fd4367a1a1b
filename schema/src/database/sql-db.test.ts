import pg from 'pg';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createSqlDb, inTransaction, sqlDbOnClient, type SqlDb } from './sql-db.ts';

let database: TestDatabase;
let db: SqlDb;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.sql;
});

afterAll(() => database.drop());

const provenance = (id: string) => ({ source: 'test', externalId: id, contentHash: id });
const agency = (code: string) => ({ code, name: code, ...provenance(code) });

const agencyCodes = async (codes: string[]) =>
  (await db.selectFrom('Agency').select('code').where('code', 'in', codes).orderBy('code').execute()).map(
    (row) => row.code,
  );

/** Runs `work` with the process in another time zone, as a hub deployed in Beijing would be. */
async function inTimeZone<T>(zone: string, work: () => Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

describe('values read through Kysely', () => {
  it('come back as the generated types say: Decimal and BigInt as strings, JSON parsed, timestamptz as Date, enums as labels', async () => {
    const footprint = {
      type: 'Polygon',
      coordinates: [
        [
          [116.7, 39.9],
          [116.71, 39.9],
          [116.7, 39.91],
        ],
      ],
    };
    const building = await db
      .insertInto('Building')
      .values({
        code: 'VT-1',
        name: '值类型楼',
        footprint,
        centroidLon: 116.7,
        centroidLat: 39.9,
        floorsAbove: 3,
        height: 10.8,
        ...provenance('VT-1'),
      })
      .returning(['id', 'footprint', 'syncedAt', 'ownershipStatus'])
      .executeTakeFirstOrThrow();
    expect(building.footprint).toEqual(footprint);
    expect(building.syncedAt).toBeInstanceOf(Date);
    expect(building.ownershipStatus).toBe('PENDING');
    expectTypeOf(building.syncedAt).toEqualTypeOf<Date>();

    const vehicle = await db
      .insertInto('Vehicle')
      .values({ plate: '京A·D0001', energyType: 'BEV', purchasePrice: '256000.50', ...provenance('V-1') })
      .returning(['id', 'purchasePrice'])
      .executeTakeFirstOrThrow();
    expect(vehicle.purchasePrice).toBe('256000.50');
    expectTypeOf(vehicle.purchasePrice).toEqualTypeOf<string | null>();

    const time = new Date('2026-11-02T03:04:05.678Z');
    const fix = await db
      .insertInto('VehiclePosition')
      .values({ vehicleId: vehicle.id, time, lon: 116.7, lat: 39.9, source: 'test', externalId: 'P-1' })
      .returning(['id', 'time'])
      .executeTakeFirstOrThrow();
    expect(typeof fix.id).toBe('string');
    expectTypeOf(fix.id).toEqualTypeOf<string>();
    expect(fix.time).toEqual(time);
  });

  it('reads a @db.Date as its day at UTC midnight, as Prisma does, in any time zone, leaving the pool’s own parsing alone', async () => {
    const { id } = await db
      .insertInto('Vehicle')
      .values({ plate: '京A·D0002', energyType: 'ICE', purchaseDate: '2026-11-01', ...provenance('V-2') })
      .returning('id')
      .executeTakeFirstOrThrow();
    await inTimeZone('Asia/Shanghai', async () => {
      const row = await db
        .selectFrom('Vehicle')
        .select('purchaseDate')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const viaPrisma = await database.prisma.vehicle.findUniqueOrThrow({ where: { id } });
      expect(row.purchaseDate).toEqual(new Date('2026-11-01T00:00:00.000Z'));
      expect(row.purchaseDate).toEqual(viaPrisma.purchaseDate);
      expectTypeOf(row.purchaseDate).toEqualTypeOf<Date | null>();
      // node-postgres' own default, still what a plain pool.query gets: local midnight.
      const plain = await database.pool.query<{ day: Date }>(`SELECT '2026-11-01'::date AS day`);
      expect(plain.rows[0]!.day).toEqual(new Date('2026-10-31T16:00:00.000Z'));
    });
  });
});

describe('sqlDbOnClient', () => {
  const heldClient = async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const held = sqlDbOnClient(client);
    return {
      client,
      held,
      close: async () => {
        await held.destroy();
        await client.end();
      },
    };
  };

  it('runs in the transaction the caller holds: sees its uncommitted rows, and commits or rolls back with it', async () => {
    const { client, held, close } = await heldClient();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO "Agency" (code, name, source, "externalId", "contentHash") VALUES ('H-1', 'H-1', 'test', 'H-1', 'H-1')`,
      );
      expect(await held.selectFrom('Agency').select('code').where('code', '=', 'H-1').execute()).toEqual([
        { code: 'H-1' },
      ]);
      await held.insertInto('Agency').values(agency('H-2')).execute();
      expect(await agencyCodes(['H-1', 'H-2'])).toEqual([]);
      await client.query('ROLLBACK');
      expect(await agencyCodes(['H-1', 'H-2'])).toEqual([]);

      await client.query('BEGIN');
      await held.insertInto('Agency').values(agency('H-3')).execute();
      await client.query('COMMIT');
      expect(await agencyCodes(['H-3'])).toEqual(['H-3']);
    } finally {
      await close();
    }
  });

  it('makes a transaction a savepoint: work that fails rolls back alone, and the caller’s transaction goes on', async () => {
    const { client, held, close } = await heldClient();
    try {
      await client.query('BEGIN');
      await held.insertInto('Agency').values(agency('S-1')).execute();
      await expect(
        held.transaction().execute(async (tx) => {
          await tx.insertInto('Agency').values(agency('S-2')).execute();
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      // A statement PostgreSQL refuses aborts only the savepoint, not the caller's transaction.
      await expect(
        inTransaction(held, (tx) => tx.insertInto('Agency').values(agency('S-1')).execute()),
      ).rejects.toThrow(/duplicate key/);
      await inTransaction(held, (tx) => tx.insertInto('Agency').values(agency('S-3')).execute());
      expect(await agencyCodes(['S-1', 'S-2', 'S-3'])).toEqual([]);
      await client.query('COMMIT');
      expect(await agencyCodes(['S-1', 'S-2', 'S-3'])).toEqual(['S-1', 'S-3']);
    } finally {
      await close();
    }
  });

  it('refuses a transaction when the caller holds none, rather than committing on its own', async () => {
    const { held, close } = await heldClient();
    try {
      await expect(
        held.transaction().execute((tx) => tx.insertInto('Agency').values(agency('N-1')).execute()),
      ).rejects.toThrow(/SAVEPOINT can only be used in transaction blocks/);
      expect(await agencyCodes(['N-1'])).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('inTransaction', () => {
  it('joins the transaction it is given: the work commits or rolls back with it', async () => {
    await expect(
      db.transaction().execute(async (outer) => {
        await inTransaction(outer, (tx) => tx.insertInto('Agency').values(agency('J-1')).execute());
        expect(
          await outer.selectFrom('Agency').select('code').where('code', '=', 'J-1').execute(),
        ).toHaveLength(1);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await agencyCodes(['J-1'])).toEqual([]);
  });

  it('opens a transaction of its own on the pool: a failure undoes every statement of the work', async () => {
    await expect(
      inTransaction(db, async (tx) => {
        await tx.insertInto('Agency').values(agency('O-1')).execute();
        await tx.insertInto('Agency').values(agency('O-1')).execute();
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await agencyCodes(['O-1'])).toEqual([]);
  });
});

describe('createSqlDb', () => {
  it('leaves the shared pool open when its Kysely is destroyed: the pool’s owner ends it', async () => {
    const other = createSqlDb(database.pool);
    await other.destroy();
    expect((await database.pool.query('SELECT 1::int AS one')).rows).toEqual([{ one: 1 }]);
  });
});
