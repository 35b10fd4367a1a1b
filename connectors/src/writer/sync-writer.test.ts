import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import type { EntityMapping } from './mapping-types.ts';
import { SyncWriter } from './sync-writer.ts';
import { parseQuantity } from '../normalize/quantity.ts';

const buildings: EntityMapping = {
  entity: 'Building',
  externalIdOf: (r) => String(r.id ?? r.code),
  map: (r) => ({
    externalId: String(r.id ?? r.code),
    fields: {
      code: r.code,
      name: r.name,
      footprint: { type: 'Polygon', coordinates: [] },
      centroidLon: 116.7,
      centroidLat: 39.9,
      floorsAbove: 5,
      height: 20,
    },
    aliases: [{ source: 'logistics', externalId: `${String(r.seq)}号楼` }],
  }),
};

const rooms: EntityMapping = {
  entity: 'Room',
  externalIdOf: (r) => String(r.id),
  map: (r) => {
    if (r.gone) return { externalId: String(r.id), fields: {}, deleted: true };
    return {
      externalId: String(r.id),
      fields: {
        number: r.number,
        usableArea: parseQuantity(r.area, 'area', { field: 'usableArea' }),
        category: r.category,
      },
      refs: { buildingId: { entity: 'Building', externalId: String(r.building) } },
    };
  },
};

describe('the writer', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let runId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`INSERT INTO "Source" (id, kind, "updatedAt") VALUES ('office-space', 'rest', now())`);
    const run = await client.query(`INSERT INTO "SyncRun" ("sourceId") VALUES ('office-space') RETURNING id`);
    runId = run.rows[0].id;
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('upserts, skips unchanged rows, resolves references and quarantines bad rows with a reason', async () => {
    const writer = await SyncWriter.open(client, {
      source: 'office-space',
      runId,
      mode: 'FULL',
      timeZone: 'Asia/Shanghai',
    });
    const b = await writer.writeBatch({
      stream: 'buildings',
      mapping: buildings,
      records: [
        { code: 'FZX-A01', name: 'A01', seq: 1 },
        { code: 'FZX-A02', name: 'A02', seq: 2 },
      ],
      checkpoint: { type: 'state', stream: 'buildings', cursor: { value: '2024-01-01', key: 2 } },
    });
    expect(b.counts).toMatchObject({ read: 2, written: 2, unchanged: 0, rejected: 0 });
    const roomRecords = [
      { id: 'R1', number: '101', area: '３５．５㎡', category: 'OFFICE', building: 'FZX-A01' },
      { id: 'R2', number: '102', area: '20', category: 'OFFICE', building: 'FZX-A09' },
      { id: 'R3', number: '103', area: '30-40', category: 'OFFICE', building: 'FZX-A01' },
      { id: 'R4', number: '104', area: '12', category: 'KITCHEN', building: 'FZX-A02' },
      { id: 'R5', number: '105', area: '12', category: 'SERVICE', building: 'FZX-A02' },
    ];
    const r1 = await writer.writeBatch({ stream: 'rooms', mapping: rooms, records: roomRecords });
    expect(r1.counts).toMatchObject({ read: 5, written: 2, rejected: 3 });
    const rejected = await client.query(
      `SELECT "externalId", reason, code FROM "RejectedRecord" ORDER BY "externalId"`,
    );
    expect(rejected.rows.map((r) => r.externalId)).toEqual(['R2', 'R3', 'R4']);
    expect(rejected.rows[0].code).toBe('writer/reference_unresolved');
    expect(rejected.rows[0].reason).toMatch(/FZX-A09/);
    expect(rejected.rows[1].reason).toMatch(/usableArea/);
    expect(rejected.rows[2].reason).toMatch(/KITCHEN/);

    const r2 = await writer.writeBatch({ stream: 'rooms', mapping: rooms, records: roomRecords });
    expect(r2.counts).toMatchObject({ written: 0, unchanged: 2, rejected: 3 });

    const area = await client.query(`SELECT "usableArea" FROM "Room" WHERE "externalId" = 'R1'`);
    // numeric(10,2): exact, and pg hands it over as the decimal's text.
    expect(area.rows[0].usableArea).toBe('35.50');
    const cursor = await client.query(`SELECT cursor FROM "SyncCursor"`);
    expect(cursor.rows[0].cursor).toEqual({ value: '2024-01-01', key: 2 });
    const alias = await client.query(
      `SELECT "hubId" FROM "ExternalRef" WHERE source = 'logistics' AND "externalId" = '2号楼'`,
    );
    expect(alias.rows).toHaveLength(1);
    const run = await client.query(`SELECT * FROM "SyncRun" WHERE id = $1`, [runId]);
    expect(run.rows[0]).toMatchObject({ readCount: 12, writtenCount: 4, rejectedCount: 6 });

    const del = await writer.writeBatch({
      stream: 'rooms',
      mapping: rooms,
      records: [{ id: 'R5', gone: true }],
    });
    expect(del.counts.deleted).toBe(1);
    const rec = await writer.reconcileDeletes(['Room', 'Building']);
    expect(rec.deleted).toBe(0);
  });

  it('quarantines a row PostgreSQL refuses and keeps the rest of the batch', async () => {
    const writer = await SyncWriter.open(client, {
      source: 'office-space',
      runId,
      mode: 'INCREMENTAL',
      timeZone: 'Asia/Shanghai',
    });
    // Building.code is unique: a second building claiming FZX-A01 under another id is refused by the database.
    const result = await writer.writeBatch({
      stream: 'buildings',
      mapping: buildings,
      records: [
        { code: 'FZX-A03', name: 'A03', seq: 3 },
        { id: 'B-99', code: 'FZX-A01', name: 'dup', seq: 9 },
      ],
    });
    expect(result.counts).toMatchObject({ written: 1, rejected: 1 });
    const reason = await client.query(`SELECT reason FROM "RejectedRecord" WHERE "externalId" = 'B-99'`);
    expect(reason.rows[0].reason).toMatch(/database refused the row.*code/);
  });
});
