import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { distanceMetres, wgs84ToGcj02 } from '@district-hub/schema';
import {
  generateDistrict,
  startOfficeSpace,
  type OfficeSpaceSimulator,
  startVehiclePlatform,
  type VehiclePlatformSimulator,
} from '@district-hub/simulators';
import { loadHubConfig } from '../config/load-config.ts';
import type { HubConfig } from '../config/hub-config.ts';
import { runSync } from './run-sync.ts';

// The vehicle platform's legacy MariaDB (its own database for this file), read through the
// simulator's fault proxy with the repository's hub.config.yaml; agencies come from office space.
describe('vehicle-platform sync (MariaDB)', () => {
  const now = Date.parse('2025-11-24T12:00:00+08:00');
  let clock = now;
  const district = generateDistrict({ scale: 0.1, seed: 'vehicle-test' });
  let office: OfficeSpaceSimulator;
  let vehicles: VehiclePlatformSimulator;
  let hub: TestDatabase;
  let config: HubConfig;
  let sql: pg.Client;

  beforeAll(async () => {
    office = await startOfficeSpace({ district });
    vehicles = await startVehiclePlatform({
      district,
      databaseUrl: `mysql://root@127.0.0.1:3306/hubtest_vp_${randomBytes(4).toString('hex')}`,
      historyHours: 6,
      tickIntervalMs: 0,
      now: () => clock,
      dropDatabaseOnStop: true,
    });
    config = loadHubConfig(undefined, { OFFICE_SPACE_URL: office.url, VEHICLE_PLATFORM_URL: vehicles.url });
    config.sources['vehicle-platform']!.batchSize = 400;
    hub = await createTestDatabase();
    sql = new pg.Client({ connectionString: hub.url });
    await sql.connect();
    const agencies = await runSync({
      databaseUrl: hub.url,
      config,
      source: 'office-space',
      streams: ['agencies'],
    });
    expect(agencies.status).toBe('SUCCEEDED');
  });
  afterAll(async () => {
    await sql?.end();
    await vehicles?.stop();
    await office?.stop();
    await hub?.drop();
  });

  const source = async (q: string) => {
    const { default: mysql } = await import('mysql2/promise');
    const c = await mysql.createConnection({ uri: vehicles.directUrl, dateStrings: true });
    try {
      const [rows] = await c.query(q);
      return rows as Record<string, unknown>[];
    } finally {
      await c.end();
    }
  };
  const count = async (table: string) =>
    Number(
      (await sql.query(`SELECT count(*) n FROM "${table}" WHERE source = 'vehicle-platform'`)).rows[0].n,
    );

  it('loads vehicles, trips, fixes and maintenance; a second sync writes 0; new fixes write exactly those', async () => {
    const first = await runSync({ databaseUrl: hub.url, config, source: 'vehicle-platform', full: true });
    expect(first.status, first.error?.message).toBe('SUCCEEDED');
    expect(first.rejected).toBe(0);
    const [cl] = await source(`SELECT count(*) n FROM t_gwc_cl WHERE scbz = '0'`);
    const [pcd] = await source(`SELECT count(*) n FROM t_gwc_pcd`);
    const [gps] = await source(`SELECT count(*) n FROM t_gwc_gps`);
    expect(await count('Vehicle')).toBe(Number(cl!.n));
    expect(await count('Trip')).toBe(Number(pcd!.n));
    expect(await count('VehiclePosition')).toBe(Number(gps!.n));
    expect(Number(gps!.n)).toBeGreaterThan(100);

    const second = await runSync({ databaseUrl: hub.url, config, source: 'vehicle-platform' });
    expect(second.status).toBe('SUCCEEDED');
    expect(second.written).toBe(0);

    clock += 10 * 60_000;
    const advanced = await vehicles.tick(clock);
    const third = await runSync({ databaseUrl: hub.url, config, source: 'vehicle-platform' });
    expect(third.status).toBe('SUCCEEDED');
    expect(third.streams.positions!.written).toBe(advanced.fixes);
    expect(third.streams.trips!.written).toBe(advanced.tripsStarted + advanced.tripsEnded);
  });

  it('stores fixes in WGS-84: converting back gives the platform’s GCJ-02 to the centimetre', async () => {
    const rows = await source(`SELECT id, jd, wd FROM t_gwc_gps ORDER BY id LIMIT 50`);
    for (const row of rows) {
      const stored = await sql.query(`SELECT lon, lat FROM "VehiclePosition" WHERE "externalId" = $1`, [
        String(row.id),
      ]);
      const back = wgs84ToGcj02(stored.rows[0].lon, stored.rows[0].lat);
      expect(distanceMetres(back, { lon: Number(row.jd), lat: Number(row.wd) })).toBeLessThan(0.02);
      // …and the offset removed is the real one, hundreds of metres around Beijing.
      expect(distanceMetres(stored.rows[0], { lon: Number(row.jd), lat: Number(row.wd) })).toBeGreaterThan(
        100,
      );
    }
  });

  it('a connection dropped mid-result leaves a FAILED run; the next run ends with the clean totals', async () => {
    clock += 60 * 60_000;
    const advanced = await vehicles.tick(clock);
    expect(advanced.fixes).toBeGreaterThan(400);
    const before = await count('VehiclePosition');
    vehicles.faults.set({ dropNext: 1 });
    const failed = await runSync({ databaseUrl: hub.url, config, source: 'vehicle-platform' });
    vehicles.faults.reset();
    expect(failed.status).toBe('FAILED');
    const [run] = (await sql.query(`SELECT status, error FROM "SyncRun" WHERE id = $1`, [failed.runId])).rows;
    expect(run.status).toBe('FAILED');
    const next = await runSync({ databaseUrl: hub.url, config, source: 'vehicle-platform' });
    expect(next.status, next.error?.message).toBe('SUCCEEDED');
    expect(await count('VehiclePosition')).toBe(before + advanced.fixes);
    expect(failed.streams.positions!.written + next.streams.positions!.written).toBe(advanced.fixes);
    const [gps] = await source(`SELECT count(*) n FROM t_gwc_gps`);
    expect(await count('VehiclePosition')).toBe(Number(gps!.n));
  });

  it('quarantines dispatch rows with an impossible start or no unit, cleans the others, and loads the rest', async () => {
    // Mileage with a unit or in full-width digits is written when a trip ends; a start date or unit when it starts.
    vehicles.faults.set({ malformedRate: 1, malformedKinds: ['area-with-unit', 'fullwidth-digits'] });
    clock += 3 * 3600_000;
    await vehicles.tick(clock);
    vehicles.faults.set({ malformedKinds: ['impossible-date', 'missing-building'] });
    clock += 3600_000;
    await vehicles.tick(clock);
    vehicles.faults.reset();
    const run = await runSync({ databaseUrl: hub.url, config, source: 'vehicle-platform' });
    expect(run.status, run.error?.message).toBe('SUCCEEDED');

    const bad = await source(`SELECT id FROM t_gwc_pcd WHERE kssj LIKE '%-02-30%' OR ycdw = ''`);
    expect(bad.length).toBeGreaterThan(0);
    const rejects = (
      await sql.query(`SELECT "externalId", reason FROM "RejectedRecord" WHERE "runId" = $1`, [run.runId])
    ).rows as Array<{ externalId: string; reason: string }>;
    expect(rejects.map((r) => r.externalId).sort()).toEqual(bad.map((b) => String(b.id)).sort());
    for (const { reason } of rejects)
      expect(reason).toMatch(
        /^t_gwc_pcd: (kssj: "\d{4}-02-30 [\d:]+" is not a calendar date|ycdw \(用车单位\): is empty)/,
      );
    const [pcd] = await source(`SELECT count(*) n FROM t_gwc_pcd`);
    expect(await count('Trip')).toBe(Number(pcd!.n) - bad.length);

    // Mileage with its unit or in full-width digits is read as the number it is.
    const odd = await source(`SELECT id, lc FROM t_gwc_pcd WHERE lc NOT REGEXP '^[0-9.]+$'`);
    expect(odd.length).toBeGreaterThan(0);
    for (const row of odd) {
      const km = String(row.lc)
        .replace(/公里$/, '')
        .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
      const trip = await sql.query(`SELECT "distanceKm" FROM "Trip" WHERE "externalId" = $1`, [
        String(row.id),
      ]);
      expect(trip.rows[0]?.distanceKm).toBe(Number(km));
    }
  });
});
