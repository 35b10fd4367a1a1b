import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gcj02ToWgs84, wgs84ToGcj02 } from '@district-hub/schema';
import { generateDistrict } from '../district/district.ts';
import { garageOf } from '../district/trips.ts';
import { startVehiclePlatform, type VehiclePlatformSimulator } from './vehicle-platform.ts';

const district = generateDistrict({ seed: 'vehicle-test', scale: 0.1 });
const NOW = Date.parse('2026-03-04T15:00:00+08:00'); // a Wednesday afternoon
const servers = {
  mariadb: 'mysql://root@127.0.0.1:3306',
  postgres: 'postgres://postgres@127.0.0.1:5432',
} as const;

type Row = Record<string, unknown>;

/** A plain client of the simulated database, as a connector would open one. */
async function open(
  url: string,
): Promise<{ q: (sql: string) => Promise<Row[]>; close: () => Promise<void> }> {
  if (url.startsWith('mysql')) {
    const c = await mysql.createConnection({ uri: url, dateStrings: true });
    return { q: async (sql) => (await c.query(sql))[0] as Row[], close: () => c.end() };
  }
  // Zone-less timestamps and dates as text, the way a connector should read them (no local-zone guess).
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === 1114 || oid === 1082 ? (v: string) => v : pg.types.getTypeParser(oid, format),
  } as pg.CustomTypesConfig;
  const c = new pg.Client({ connectionString: url, types });
  await c.connect();
  c.on('error', () => undefined);
  return { q: async (sql) => (await c.query(sql)).rows as Row[], close: () => c.end() };
}

const sims: Record<string, VehiclePlatformSimulator> = {};

beforeAll(async () => {
  for (const [name, server] of Object.entries(servers)) {
    sims[name] = await startVehiclePlatform({
      district,
      databaseUrl: `${server}/sim_${randomUUID().replace(/-/g, '')}`,
      historyHours: 8,
      tickIntervalMs: 0,
      dropDatabaseOnStop: true,
      now: () => NOW,
    });
  }
});
afterAll(async () => {
  for (const sim of Object.values(sims)) await sim.stop();
});
afterEach(() => {
  for (const sim of Object.values(sims)) sim.faults.reset();
});

describe.each(Object.keys(servers))('vehicle platform on %s', (name) => {
  const sim = () => sims[name] as VehiclePlatformSimulator;

  it('holds the fleet, and every vehicle in the GPS table exists in the vehicle table', async () => {
    const db = await open(sim().url);
    try {
      const [cl] = await db.q('SELECT COUNT(*) AS n FROM t_gwc_cl');
      expect(Number(cl!.n)).toBe(district.vehicles.length);
      const [gps] = await db.q('SELECT COUNT(*) AS n, COUNT(DISTINCT cl_id) AS v FROM t_gwc_gps');
      expect(Number(gps!.n)).toBeGreaterThan(100);
      const orphans = await db.q(
        'SELECT g.id FROM t_gwc_gps g LEFT JOIN t_gwc_cl c ON c.id = g.cl_id AND c.cphm = g.cphm WHERE c.id IS NULL',
      );
      expect(orphans).toHaveLength(0);
      const units = await db.q(
        'SELECT c.id FROM t_gwc_cl c LEFT JOIN t_gwc_dw d ON d.dwbm = c.dwbm WHERE d.id IS NULL',
      );
      expect(units).toHaveLength(0);
    } finally {
      await db.close();
    }
  });

  it('stores positions in GCJ-02: a trip starts at the garage shifted by the GCJ offset', async () => {
    const db = await open(sim().url);
    try {
      const [first] = await db.q(
        'SELECT g.jd, g.wd FROM t_gwc_gps g JOIN t_gwc_pcd p ON p.cl_id = g.cl_id WHERE g.gps_time = CAST(p.kssj AS DATETIME) ORDER BY g.id LIMIT 1'.replace(
          'DATETIME',
          name === 'postgres' ? 'TIMESTAMP' : 'DATETIME',
        ),
      );
      const garage = garageOf(district);
      const gcj = wgs84ToGcj02(garage[0], garage[1]);
      expect(Number(first!.jd)).toBeCloseTo(gcj.lon, 5);
      expect(Number(first!.wd)).toBeCloseTo(gcj.lat, 5);
      const back = gcj02ToWgs84(Number(first!.jd), Number(first!.wd));
      expect(back.lon).toBeCloseTo(garage[0], 5);
    } finally {
      await db.close();
    }
  });

  it('keeps writing trips and fixes as time passes, and closes finished trips', async () => {
    const db = await open(sim().directUrl);
    try {
      const count = async (sql: string) => Number((await db.q(sql))[0]!.n);
      const fixesBefore = await count('SELECT COUNT(*) AS n FROM t_gwc_gps');
      const [maxId] = await db.q('SELECT MAX(id) AS m FROM t_gwc_gps');
      const result = await sim().tick(NOW + 3600_000);
      expect(result.fixes).toBeGreaterThan(0);
      expect(await count('SELECT COUNT(*) AS n FROM t_gwc_gps')).toBe(fixesBefore + result.fixes);
      const newer = await db.q(`SELECT gps_time FROM t_gwc_gps WHERE id > ${Number(maxId!.m)} ORDER BY id`);
      for (const r of newer) expect(String(r.gps_time) > '2026-03-04 15:00:00').toBe(true);
      const done = await db.q("SELECT lc, jssj, update_time FROM t_gwc_pcd WHERE zt = '2'");
      expect(done.length).toBeGreaterThan(0);
      for (const r of done) {
        expect(String(r.lc)).toMatch(/^\d+(\.\d)?$/);
        expect(String(r.jssj)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      }
      expect(await count("SELECT COUNT(*) AS n FROM t_gwc_pcd WHERE zt = '1'")).toBe(
        sim().activeTrips().length,
      );
    } finally {
      await db.close();
    }
  });

  it('cuts a result in the middle, resets new connections, and adds latency', async () => {
    const db = await open(sim().url);
    sim().faults.set({ dropNext: 1 });
    await expect(db.q('SELECT * FROM t_gwc_gps')).rejects.toThrow();
    await db.close().catch(() => undefined);
    sim().faults.set({ errorNext: 1 });
    await expect(open(sim().url)).rejects.toThrow();
    const again = await open(sim().url);
    expect(await again.q('SELECT COUNT(*) AS n FROM t_gwc_cl')).toHaveLength(1);
    await again.close();
    // Last, so no delayed chunk of this connection can take a fault meant for another test.
    sim().faults.set({ latencyMs: 60 });
    const slow = await open(sim().url);
    const t = performance.now();
    await slow.q('SELECT 1 AS x');
    expect(performance.now() - t).toBeGreaterThanOrEqual(100); // the query and its answer each wait
    await slow.close();
  });
});

describe('vehicle platform data', () => {
  it('is the same in MariaDB and PostgreSQL for the same seed and clock', async () => {
    const rows: Record<string, string[]> = {};
    for (const name of Object.keys(servers)) {
      const db = await open(sims[name]!.directUrl);
      const fmt = (v: unknown) => String(v);
      const gps = await db.q(
        'SELECT cphm, jd, wd, sd, fx, gps_time FROM t_gwc_gps ORDER BY cphm, gps_time, id',
      );
      const pcd = await db.q('SELECT pcdh, cphm, ycdw, mdd, kssj, jssj, lc, zt FROM t_gwc_pcd ORDER BY pcdh');
      const cl = await db.q('SELECT clbh, cphm, cjh, nylx, pl, gcrq, zlc, dwbm FROM t_gwc_cl ORDER BY clbh');
      rows[name] = [...gps, ...pcd, ...cl].map((r) => Object.values(r).map(fmt).join('|'));
      await db.close();
    }
    expect(rows.postgres!.length).toBeGreaterThan(100);
    expect(rows.postgres).toEqual(rows.mariadb);
  });

  it('malforms dispatch rows, writes late and duplicate fixes when asked', async () => {
    const sim = await startVehiclePlatform({
      district,
      databaseUrl: `${servers.mariadb}/sim_${randomUUID().replace(/-/g, '')}`,
      historyHours: 8,
      tickIntervalMs: 0,
      dropDatabaseOnStop: true,
      now: () => NOW,
      faults: {
        malformedRate: 1,
        malformedKinds: ['impossible-date'],
        outOfOrderRate: 0.2,
        duplicateRate: 0.2,
      },
    });
    try {
      await sim.tick(NOW + 30 * 60_000);
      const db = await open(sim.directUrl);
      const bad = await db.q("SELECT kssj FROM t_gwc_pcd WHERE kssj LIKE '%-02-30 %'");
      expect(bad.length).toBeGreaterThan(0);
      const dup = await db.q(
        'SELECT cphm, gps_time, COUNT(*) AS n FROM t_gwc_gps GROUP BY cphm, gps_time HAVING COUNT(*) > 1',
      );
      expect(dup.length).toBeGreaterThan(0);
      const byId = await db.q('SELECT cl_id, gps_time FROM t_gwc_gps ORDER BY id');
      const last = new Map<unknown, string>();
      let backwards = 0;
      for (const r of byId) {
        const prev = last.get(r.cl_id);
        if (prev && String(r.gps_time) < prev) backwards += 1;
        last.set(r.cl_id, String(r.gps_time));
      }
      expect(backwards).toBeGreaterThan(0);
      sim.faults.set({ malformedKinds: ['area-with-unit'], outOfOrderRate: 0, duplicateRate: 0 });
      await sim.tick(NOW + 4 * 3600_000);
      const units = await db.q("SELECT lc FROM t_gwc_pcd WHERE lc LIKE '%公里'");
      expect(units.length).toBeGreaterThan(0);
      await db.close();
    } finally {
      await sim.stop();
    }
  });
});
