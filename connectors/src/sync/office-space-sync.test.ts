import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { startOfficeSpace, type OfficeSpaceSimulator } from '@district-hub/simulators';
import { loadHubConfig } from '../config/load-config.ts';
import type { HubConfig } from '../config/hub-config.ts';
import { runSync } from './run-sync.ts';

// Against the real thing: the office-space simulator's HTTP API and its GBK export files, the hub's
// PostgreSQL, and the repository's own hub.config.yaml (pointed at the simulator through ${ENV}).
describe('office-space sync (REST + GBK/XLSX exports)', () => {
  let sim: OfficeSpaceSimulator;
  let inbox: string;
  let exportDir: string;
  let config: HubConfig;
  const databases: TestDatabase[] = [];

  beforeAll(async () => {
    inbox = await mkdtemp(join(tmpdir(), 'hub-inbox-'));
    exportDir = await mkdtemp(join(tmpdir(), 'hub-export-'));
    sim = await startOfficeSpace({ scale: 0.1, seed: 'connectors-test', exportDir });
    config = loadHubConfig(undefined, { OFFICE_SPACE_URL: sim.url, OFFICE_SPACE_INBOX: inbox });
    const source = config.sources['office-space']!;
    source.batchSize = 150;
    const rest = source.connectors[0]!.config as unknown as { connection: { retry: Record<string, number> } };
    rest.connection.retry = { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 };
    // Pages of 100, so that a failure set after the first committed batch lands mid-stream even with
    // the runner reading one page ahead.
    for (const stream of (rest as unknown as { streams: { paging: { size: number } }[] }).streams)
      stream.paging.size = 100;
  });
  afterAll(async () => {
    await sim?.stop();
    await Promise.all(databases.map((d) => d.drop()));
    await rm(inbox, { recursive: true, force: true });
    await rm(exportDir, { recursive: true, force: true });
  });
  afterEach(() => {
    sim.faults.reset();
  });

  async function freshDatabase() {
    const db = await createTestDatabase();
    databases.push(db);
    return db;
  }
  const rest = (streams = ['buildings', 'floors', 'rooms', 'agencies', 'allocations']) => streams;
  const sync = (db: TestDatabase, extra: Partial<Parameters<typeof runSync>[0]> = {}) =>
    runSync({
      databaseUrl: db.url,
      config,
      source: 'office-space',
      streams: rest(),
      trigger: 'test',
      ...extra,
    });
  async function counts(db: TestDatabase) {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const one = async (sql: string) => Number((await c.query(sql)).rows[0].n);
      return {
        buildings: await one(`SELECT count(*) n FROM "Building" WHERE "deletedAt" IS NULL`),
        floors: await one(`SELECT count(*) n FROM "Floor" WHERE "deletedAt" IS NULL`),
        rooms: await one(`SELECT count(*) n FROM "Room" WHERE "deletedAt" IS NULL`),
        agencies: await one(`SELECT count(*) n FROM "Agency" WHERE "deletedAt" IS NULL`),
        allocations: await one(`SELECT count(*) n FROM "RoomAllocation" WHERE "deletedAt" IS NULL`),
      };
    } finally {
      await c.end();
    }
  }
  async function query<T = Record<string, unknown>>(db: TestDatabase, sql: string, params: unknown[] = []) {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  }
  const district = () => ({
    buildings: sim.store.buildings.size,
    floors: sim.store.floors.size,
    rooms: sim.store.rooms.size,
    agencies: sim.store.agencies.size,
    allocations: sim.store.allocations.size,
  });

  it('a full sync loads the district; a second writes 0 rows; 10 changed rooms write exactly 10', async () => {
    const db = await freshDatabase();
    const first = await sync(db, { full: true });
    expect(first.status, first.error?.message).toBe('SUCCEEDED');
    expect(first.rejected).toBe(0);
    expect(await counts(db)).toEqual(district());
    expect(first.written).toBe(first.read);

    const second = await sync(db);
    expect(second.status).toBe('SUCCEEDED');
    expect(second.written).toBe(0);
    // The API's updatedSince is inclusive: the boundary second is re-read and found unchanged.
    expect(second.unchanged).toBe(second.read);

    const touched = sim.touchRooms(10);
    const third = await sync(db);
    expect(third.streams.rooms!.written).toBe(10);
    expect(third.written).toBe(10);
    const rows = await query<{ count: string }>(
      db,
      `SELECT count(*) FROM "Room" WHERE "syncedAt" >= now() - interval '1 minute' AND "externalId" = ANY($1)`,
      [touched.map((id) => sim.store.rooms.get(id)!.record.roomCode)],
    );
    expect(Number(rows[0]!.count)).toBe(10);
    const runs = await query<{ status: string; writtenCount: number }>(
      db,
      `SELECT status, "writtenCount" FROM "SyncRun" ORDER BY id`,
    );
    expect(runs.map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(runs.map((r) => r.writtenCount)).toEqual([first.written, 0, 10]);
  });

  it('a source dropped mid-sync leaves a FAILED run; the next run ends with the clean totals', async () => {
    const db = await freshDatabase();
    let batches = 0;
    const failed = await sync(db, {
      full: true,
      onProgress: (p) => {
        if (p.stream === 'rooms' && ++batches === 1) sim.faults.set({ errorRate: 1 });
      },
    });
    expect(failed.status).toBe('FAILED');
    expect(failed.error?.code).toBe('connector/source_failed');
    expect(failed.error?.message).toMatch(/500/);
    const partial = await counts(db);
    expect(partial.rooms).toBeGreaterThan(0);
    expect(partial.rooms).toBeLessThan(sim.store.rooms.size);
    const [run] = await query<{ status: string; error: string }>(
      db,
      `SELECT status, error FROM "SyncRun" WHERE id = $1`,
      [failed.runId],
    );
    expect(run!.status).toBe('FAILED');

    sim.faults.reset();
    const next = await sync(db);
    expect(next.status).toBe('SUCCEEDED');
    expect(await counts(db)).toEqual(district());
    // Nothing lost, nothing doubled: each row was written once across the two runs.
    expect(failed.written + next.written).toBe(Object.values(district()).reduce((a, b) => a + b, 0));
  });

  it('each malformed-row fault is cleaned or quarantined with a specific reason while the rest loads', async () => {
    const db = await freshDatabase();
    expect((await sync(db, { full: true })).status).toBe('SUCCEEDED');
    const expectations: Array<[string, RegExp | null]> = [
      ['impossible-date', /updatedAt: "\d{4}-02-30 .*" is not a calendar date/],
      ['missing-building', /buildingCode: is empty/],
      ['duplicate-id', /id "\d+" .*another record/],
      ['area-with-unit', null],
      ['fullwidth-digits', null],
      ['trailing-spaces', null],
    ];
    for (const [kind, reason] of expectations) {
      sim.touchRooms(20);
      sim.faults.set({ malformedRate: 0.25, malformedKinds: [kind as never], seed: kind } as never);
      const result = await sync(db, { streams: ['rooms'] });
      sim.faults.reset();
      expect(result.status, kind).toBe('SUCCEEDED');
      const rejects = await query<{ reason: string; payload: unknown; code: string }>(
        db,
        `SELECT reason, payload, code FROM "RejectedRecord" WHERE "runId" = $1`,
        [result.runId],
      );
      if (reason) {
        expect(rejects.length, kind).toBeGreaterThan(0);
        for (const r of rejects) expect(r.reason, kind).toMatch(reason);
        expect(result.written + result.unchanged, kind).toBe(result.read - result.rejected);
      } else {
        expect(rejects, `${kind}: ${JSON.stringify(rejects[0])}`).toHaveLength(0);
      }
    }
    // Cleaned values are stored clean: no unit suffixes, no full-width digits, no trailing spaces.
    const odd = await query(db, `SELECT number FROM "Room" WHERE number ~ '\\s$' OR number ~ '[０-９]'`);
    expect(odd).toHaveLength(0);
  });

  it('the GBK export loads the same rooms as the API, and the same file dropped twice imports once', async () => {
    const viaApi = await freshDatabase();
    expect((await sync(viaApi, { streams: ['buildings', 'floors', 'rooms'] })).status).toBe('SUCCEEDED');
    const viaFile = await freshDatabase();
    expect((await sync(viaFile, { streams: ['buildings', 'floors'] })).status).toBe('SUCCEEDED');
    const files = await sim.exportNow();
    const roomsCsv = files.find((f) => basename(f).startsWith('房间台账_') && f.endsWith('.csv'))!;
    await copyFile(roomsCsv, join(inbox, basename(roomsCsv)));
    const fromFile = await sync(viaFile, { streams: ['room-ledger'] });
    expect(fromFile.status, fromFile.error?.message).toBe('SUCCEEDED');
    expect(fromFile.rejected).toBe(0);
    expect(fromFile.written).toBe(sim.store.rooms.size);

    const ledgerColumns = `"externalId", number, name, "usableArea", category, status`;
    const roomsOf = (db: TestDatabase, columns: string) =>
      query(db, `SELECT ${columns} FROM "Room" ORDER BY "externalId"`);
    // The ledger has no position columns: the API's rooms, not placed yet.
    expect(await roomsOf(viaFile, ledgerColumns)).toEqual(await roomsOf(viaApi, ledgerColumns));
    expect(await query(viaFile, `SELECT count(*)::int AS n FROM "Room" WHERE x IS NOT NULL`)).toEqual([
      { n: 0 },
    ]);
    // The API places every room where the source says it is.
    const sourcePlaces = sim.store.rooms
      .ordered()
      .map(({ record: r }) => ({ externalId: r.roomCode, ...r.position }))
      .sort((a, b) => (a.externalId < b.externalId ? -1 : 1));
    expect(await roomsOf(viaApi, `"externalId", x, y, z`)).toEqual(sourcePlaces);
    // Once the API has read them too, both hold the same rows with the same content hashes.
    expect((await sync(viaFile, { streams: ['rooms'] })).status).toBe('SUCCEEDED');
    const allColumns = `${ledgerColumns}, x, y, z, "contentHash"`;
    expect(await roomsOf(viaFile, allColumns)).toEqual(await roomsOf(viaApi, allColumns));
    expect(await readdir(join(inbox, 'archive', 'processed'))).toHaveLength(1);

    // The same bytes again, under another name: remembered by checksum, not imported.
    await copyFile(roomsCsv, join(inbox, `房间台账_again.csv`));
    const again = await sync(viaFile, { streams: ['room-ledger'] });
    expect(again.read).toBe(0);
    expect(again.written).toBe(0);
    expect(await readdir(join(inbox, 'archive', 'duplicate'))).toHaveLength(1);
    const imported = await query<{ status: string; rows: number }>(
      viaFile,
      `SELECT status, rows FROM "ImportedFile"`,
    );
    expect(imported).toEqual([{ status: 'IMPORTED', rows: sim.store.rooms.size }]);

    // A later ledger, with changed rooms, rewrites what it carries and keeps the API's places.
    sim.touchRooms(3);
    const later = (await sim.exportNow()).find(
      (f) => basename(f).startsWith('房间台账_') && f.endsWith('.csv'),
    )!;
    await copyFile(later, join(inbox, `房间台账_later.csv`));
    const fromLater = await sync(viaFile, { streams: ['room-ledger'] });
    expect([fromLater.status, fromLater.read, fromLater.rejected]).toEqual([
      'SUCCEEDED',
      sim.store.rooms.size,
      0,
    ]);
    expect(await roomsOf(viaFile, `"externalId", x, y, z`)).toEqual(sourcePlaces);

    // The XLSX allocation ledger needs agencies and rooms; it loads like the API's allocations.
    expect((await sync(viaFile, { streams: ['agencies'] })).status).toBe('SUCCEEDED');
    const xlsx = files.find((f) => f.endsWith('.xlsx'))!;
    await copyFile(xlsx, join(inbox, basename(xlsx)));
    const fromXlsx = await sync(viaFile, { streams: ['allocation-ledger-xlsx'] });
    expect(
      fromXlsx.rejected,
      JSON.stringify(await query(viaFile, `SELECT reason FROM "RejectedRecord" LIMIT 3`)),
    ).toBe(0);
    expect(fromXlsx.written).toBe(sim.store.allocations.size);
  });

  it('a room removed from the office-space system is soft-deleted by the next full sync', async () => {
    const db = await freshDatabase();
    expect((await sync(db, { full: true })).status).toBe('SUCCEEDED');
    const victim = sim.store.rooms.ordered()[3]!;
    sim.removeRoom(victim.id);
    const incremental = await sync(db);
    expect(incremental.deleted).toBe(0);
    const full = await sync(db, { full: true });
    expect(full.status).toBe('SUCCEEDED');
    expect(full.deleted).toBe(1);
    const [room] = await query<{ deletedAt: Date | null }>(
      db,
      `SELECT "deletedAt" FROM "Room" WHERE "externalId" = $1`,
      [victim.record.roomCode],
    );
    expect(room!.deletedAt).toBeInstanceOf(Date);
    expect((await counts(db)).rooms).toBe(sim.store.rooms.size);
  });

  // Issue 17: a source that answers a partial list (a silent page-size cap, a short page) must not have
  // a full run soft-delete most of the district. Last in this file: it removes most rooms from the simulator.
  it('a full run that finds only 30% of the rooms deletes none and raises an alert; --allow-mass-delete confirms', async () => {
    const db = await freshDatabase();
    expect((await sync(db, { full: true })).status).toBe('SUCCEEDED');
    const rooms = sim.store.rooms.ordered();
    const removed = rooms.slice(0, Math.ceil(rooms.length * 0.7));
    for (const room of removed) sim.removeRoom(room.id);

    const guarded = await sync(db, { full: true });
    expect(guarded.status, guarded.error?.message).toBe('SUCCEEDED');
    expect(await query(db, `SELECT 1 FROM "Room" WHERE "deletedAt" IS NOT NULL`)).toHaveLength(0);
    const [warning] = guarded.warnings.filter((w) => w.includes('of Room'));
    expect(warning).toMatch(
      /office-space would soft-delete 7\d\.\d% of Room .*stream rooms .*nothing deleted/,
    );
    const alerts = await query<{ kind: string; status: string; source: string; message: string }>(
      db,
      `SELECT kind, status, source, message FROM "Alert" WHERE kind = 'SYNC_MASS_DELETE' AND message LIKE '%of Room%'`,
    );
    expect(alerts).toEqual([
      expect.objectContaining({ status: 'OPEN', source: 'office-space', message: warning }),
    ]);

    const confirmed = await sync(db, { full: true, allowMassDelete: true });
    expect(confirmed.status).toBe('SUCCEEDED');
    const deleted = await query(db, `SELECT 1 FROM "Room" WHERE "deletedAt" IS NOT NULL`);
    expect(deleted).toHaveLength(removed.length);
  });
});
