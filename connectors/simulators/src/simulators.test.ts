/**
 * The four simulated systems describe one world (issue 3, "What it must show"): the same seed gives the
 * same data in every system, and the systems agree on the facts they share, each read over its own
 * protocol the way a connector reads it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import mqtt from 'mqtt';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase } from './vehicle-platform/sql-client.ts';
import { startSimulators, type Simulators } from './simulators.ts';

const NOW = Date.parse('2026-03-04T11:00:00+08:00');
const seed = 'agreement-test';

interface World {
  sims: Simulators;
  dir: string;
  db: string;
  root: string;
}

async function startWorld(): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), 'simulators-'));
  const db = `mysql://root@127.0.0.1:3306/sim_${randomUUID().replace(/-/g, '')}`;
  const root = `test-${randomUUID()}/zhhq`;
  const sims = await startSimulators({
    seed,
    scale: 0.1,
    vehicleDatabaseUrl: db,
    mqttUrl: 'mqtt://127.0.0.1:1883',
    topicRoot: root,
    dataDir: dir,
    historyHours: 6,
    now: () => NOW,
  });
  return { sims, dir, db, root };
}

async function stopWorld(w: World): Promise<void> {
  await w.sims.logistics.clearRetained();
  await w.sims.stop();
  await dropDatabase(w.db);
  await rm(w.dir, { recursive: true, force: true });
}

async function officeSpace<T>(w: World, collection: string): Promise<T[]> {
  const res = await fetch(`${w.sims.officeSpace.url}/api/v1/${collection}?pageSize=1000`, {
    headers: { authorization: `Bearer ${w.sims.officeSpace.token}` },
  });
  const body = (await res.json()) as { data: { total: number; records: T[] } };
  expect(body.data.total).toBeLessThanOrEqual(1000);
  return body.data.records;
}

async function logistics<T>(w: World, path: string): Promise<T[]> {
  const res = await fetch(`${w.sims.logistics.apiUrl}/prod-api/${path}?pageSize=500`, {
    headers: { 'x-api-key': w.sims.logistics.apiKey },
  });
  return ((await res.json()) as { rows: T[] }).rows;
}

/** Retained births under the world's topic root, as a subscriber receives them. */
async function births(w: World): Promise<Record<string, unknown>[]> {
  const client = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: `test-${randomUUID()}` });
  const out: Record<string, unknown>[] = [];
  const expected = w.sims.district.devices.length;
  const all = new Promise<void>((resolve) => {
    client.on('message', (_topic, payload) => {
      out.push(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
      if (out.length === expected) resolve();
    });
  });
  await client.subscribeAsync(`${w.root}/+/+/+/+/birth`, { qos: 1 });
  await all;
  await client.endAsync();
  return out;
}

async function sql(w: World, query: string): Promise<Record<string, unknown>[]> {
  const c = await mysql.createConnection({ uri: w.sims.vehiclePlatform!.url, dateStrings: true });
  try {
    return (await c.query(query))[0] as Record<string, unknown>[];
  } finally {
    await c.end();
  }
}

async function warehouseRows(w: World): Promise<Record<string, string>[]> {
  const path = await w.sims.warehouse.dropExport('assets');
  return parse(iconv.decode(await readFile(path), 'gbk'), { columns: true }) as Record<string, string>[];
}

let a: World;
let b: World;
beforeAll(async () => {
  a = await startWorld();
  b = await startWorld();
});
afterAll(async () => {
  await stopWorld(a);
  await stopWorld(b);
});

describe('the four systems', () => {
  it('give the same data in every system for the same seed', async () => {
    for (const c of ['buildings', 'rooms', 'agencies', 'allocations']) {
      expect(JSON.stringify(await officeSpace(b, c))).toBe(JSON.stringify(await officeSpace(a, c)));
    }
    for (const table of ['t_gwc_dw', 't_gwc_cl', 't_gwc_pcd', 't_gwc_gps', 't_gwc_wxjl']) {
      expect(await sql(b, `SELECT * FROM ${table} ORDER BY id`)).toEqual(
        await sql(a, `SELECT * FROM ${table} ORDER BY id`),
      );
    }
    const key = (m: Record<string, unknown>) => String(m.deviceCode);
    const sorted = async (w: World) => (await births(w)).sort((x, y) => key(x).localeCompare(key(y)));
    expect(await sorted(b)).toEqual(await sorted(a));
    expect(await logistics(b, 'workorder/list')).toEqual(await logistics(a, 'workorder/list'));
    expect(await warehouseRows(b)).toEqual(await warehouseRows(a));
  });

  it('allocate rooms only in buildings the logistics system has devices in', async () => {
    const buildings = await officeSpace<{ code: string; address: string }>(a, 'buildings');
    const allocations = await officeSpace<{ buildingCode: string; endDate: string | null }>(a, 'allocations');
    const lgBuildings = await logistics<{ buildingName: string; address: string }>(a, 'building/list');
    const withDevices = new Set((await births(a)).map((m) => m.building));
    const nameByAddress = new Map(lgBuildings.map((x) => [x.address, x.buildingName]));
    const addressByCode = new Map(buildings.map((x) => [x.code, x.address]));
    expect(allocations.length).toBeGreaterThan(0);
    for (const alloc of allocations) {
      const lgName = nameByAddress.get(addressByCode.get(alloc.buildingCode) as string);
      expect(lgName, alloc.buildingCode).toBeDefined();
      expect(withDevices.has(lgName)).toBe(true);
    }
  });

  it('keep every vehicle of the GPS table in the vehicle table, and the fleet in the asset ledger', async () => {
    const orphans = await sql(
      a,
      'SELECT DISTINCT g.cl_id, g.cphm FROM t_gwc_gps g LEFT JOIN t_gwc_cl c ON c.id = g.cl_id AND c.cphm = g.cphm WHERE c.id IS NULL',
    );
    expect(orphans).toEqual([]);
    const [gps] = await sql(a, 'SELECT COUNT(DISTINCT cphm) AS n FROM t_gwc_gps');
    expect(Number(gps!.n)).toBeGreaterThan(0);
    const plates = (await sql(a, 'SELECT cphm FROM t_gwc_cl')).map((r) => r.cphm);
    const assetPlates = (await warehouseRows(a)).map((r) => r['车牌号']).filter(Boolean);
    expect(new Set(assetPlates)).toEqual(new Set(plates));
  });

  it('name the same agencies by credit code, each system in its own words', async () => {
    const agencies = await officeSpace<{ creditCode: string; name: string; shortName: string }>(
      a,
      'agencies',
    );
    const byCode = new Map(agencies.map((x) => [x.creditCode, x]));
    const units = await sql(a, 'SELECT dwmc, tyshxydm FROM t_gwc_dw');
    expect(units).toHaveLength(agencies.length);
    for (const u of units) expect(byCode.get(String(u.tyshxydm))?.shortName).toBe(u.dwmc);
    const rooms = await officeSpace<{ buildingCode: string; roomNo: string }>(a, 'rooms');
    const buildings = await officeSpace<{ code: string; name: string }>(a, 'buildings');
    const roomKeys = new Set(
      rooms.map((r) => `${buildings.find((x) => x.code === r.buildingCode)!.name}${r.roomNo}室`),
    );
    for (const row of await warehouseRows(a)) {
      if (row['单位编码']) expect(byCode.get(row['单位编码'])?.name).toBe(row['使用单位']);
      if (/室$/.test(row['存放地点']!)) expect(roomKeys.has(row['存放地点']!)).toBe(true);
    }
  });
});
