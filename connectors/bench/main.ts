/**
 * `npm run bench -- connectors`: sync throughput of the sql, file and rest kinds at ×10 scale next to
 * PostgreSQL's own COPY of the same rows into the same tables in the same run, and MQTT readings/s
 * sustained, each with the peak RSS of the syncing process. A benchmark, not a test: it prints figures.
 *
 * Each measured sync runs in a child process (`sync-child.ts`) so its memory is the connector's alone;
 * the simulators and their ×10 district stay in this process. BENCH_SCALE changes the scale (default 10),
 * BENCH_MQTT_SECONDS the MQTT window (default 15).
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createTestDatabase } from '@district-hub/schema/testing';
import { generateDistrict, startOfficeSpace, startVehiclePlatform } from '@district-hub/simulators';
import { loadHubConfig } from '../src/config/load-config.ts';
import { runSync } from '../src/sync/run-sync.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const MQTT_SECONDS = Number(process.env.BENCH_MQTT_SECONDS ?? 15);
/** BENCH_KINDS=file,sql runs only those kinds. */
const KINDS = new Set((process.env.BENCH_KINDS ?? 'rest,file,sql,mqtt').split(','));
const child = fileURLToPath(new URL('./sync-child.ts', import.meta.url));

interface ChildResult {
  summary: { status: string; read: number; written: number; rejected: number; error?: { message: string } };
  seconds: number;
  peakRssMb: number;
}

/** Runs one measured sync in a child; asynchronously, since the simulators in this process must keep answering. */
async function measure(input: Record<string, unknown>): Promise<ChildResult> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify(input)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => proc.on('close', resolve));
  const line = out.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`bench child failed: ${err || out}`);
  const parsed = JSON.parse(line) as ChildResult;
  if (parsed.summary.status !== 'SUCCEEDED')
    throw new Error(`bench sync failed: ${parsed.summary.error?.message}`);
  return parsed;
}

/** Times PostgreSQL COPY of a table's current rows back into the same (emptied) table. */
async function copyBaseline(url: string, tables: string[]): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const dumps: Array<{ table: string; columns: string; data: Buffer; rows: number }> = [];
    for (const table of tables) {
      const cols = await client.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND column_name <> 'id' ORDER BY ordinal_position`,
        [table],
      );
      const columns = cols.rows.map((r) => `"${r.column_name}"`).join(', ');
      const chunks: Buffer[] = [];
      const stream = client.query(copyTo(`COPY "${table}" (${columns}) TO STDOUT`));
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      const data = Buffer.concat(chunks);
      const rows = data.toString('utf8').split('\n').length - 1;
      dumps.push({ table, columns, data, rows });
    }
    // Empty the tables (children first) so COPY inserts into the same state the sync found.
    for (const { table } of [...dumps].reverse()) await client.query(`DELETE FROM "${table}"`);
    await client.query('VACUUM ANALYZE');
    const started = performance.now();
    for (const { table, columns, data } of dumps) {
      const stream = client.query(copyFrom(`COPY "${table}" (${columns}) FROM STDIN`));
      await new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve);
        stream.on('error', reject);
        stream.end(data);
      });
    }
    return { rows: dumps.reduce((n, d) => n + d.rows, 0), seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

async function emptyTables(url: string, tables: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const t of tables) await client.query(`DELETE FROM "${t}"`);
  await client.query('VACUUM ANALYZE');
  await client.end();
}

const rows: string[][] = [];
const report = (kind: string, r: ChildResult, copy?: { rows: number; seconds: number }) => {
  const rate = r.summary.written / r.seconds;
  const copyRate = copy ? copy.rows / copy.seconds : undefined;
  rows.push([
    kind,
    String(r.summary.written),
    r.seconds.toFixed(2),
    Math.round(rate).toLocaleString('en-US'),
    copyRate ? Math.round(copyRate).toLocaleString('en-US') : '–',
    copyRate ? `${((rate / copyRate) * 100).toFixed(0)}%` : '–',
    `${r.peakRssMb.toFixed(0)} MB`,
  ]);
  console.log(`  ${kind}: ${rows.at(-1)!.slice(1).join(' · ')}`);
};

console.log(
  `connectors bench at ×${SCALE} (district generation, simulators and COPY baselines in this process)`,
);
const district = generateDistrict({ scale: SCALE, seed: 'bench' });
const hub = await createTestDatabase();
const inbox = await mkdtemp(join(tmpdir(), 'hub-bench-inbox-'));
const exportDir = await mkdtemp(join(tmpdir(), 'hub-bench-export-'));
const office = await startOfficeSpace({ district, exportDir });
const env = { OFFICE_SPACE_URL: office.url, OFFICE_SPACE_INBOX: inbox };
const config = loadHubConfig(undefined, { ...process.env, ...env });

try {
  // rest: the office-space API's rooms (buildings and floors first, untimed).
  await runSync({
    databaseUrl: hub.url,
    config,
    source: 'office-space',
    streams: ['buildings', 'floors', 'agencies'],
  });
  await runSync({ databaseUrl: hub.url, config, source: 'office-space', streams: ['rooms'] });
  const roomCopy = await copyBaseline(hub.url, ['Room']);
  if (KINDS.has('rest')) {
    await emptyTables(hub.url, ['Room']);
    const rest = await measure({
      databaseUrl: hub.url,
      env,
      source: 'office-space',
      streams: ['rooms'],
      full: true,
    });
    report('rest (office-space rooms, JSON pages of 500)', rest, roomCopy);
  }

  // file: the same rooms from the GBK ledger export (CSV), into an emptied Room table.
  if (KINDS.has('file')) {
    await emptyTables(hub.url, ['Room']);
    const exported = await office.exportNow();
    const csv = exported.find((f) => basename(f).startsWith('房间台账_') && f.endsWith('.csv'))!;
    await copyFile(csv, join(inbox, basename(csv)));
    const file = await measure({
      databaseUrl: hub.url,
      env,
      source: 'office-space',
      streams: ['room-ledger'],
    });
    report('file (房间台账 CSV, GBK)', file, roomCopy);
  }

  // sql: the vehicle platform's MariaDB, dispatch orders and GCJ-02 fixes (vehicles first, untimed).
  if (KINDS.has('sql')) {
    const vp = await startVehiclePlatform({
      district,
      databaseUrl: `mysql://root@127.0.0.1:3306/hubbench_vp_${randomBytes(4).toString('hex')}`,
      historyHours: Number(process.env.BENCH_HISTORY_HOURS ?? 10),
      tickIntervalMs: 0,
      // A workday afternoon in Beijing, so the history holds a working day of trips and fixes.
      now: () => Date.parse('2025-11-24T19:00:00+08:00'),
      dropDatabaseOnStop: true,
    });
    try {
      const vpEnv = { ...env, VEHICLE_PLATFORM_URL: vp.directUrl };
      const vpConfig = loadHubConfig(undefined, { ...process.env, ...vpEnv });
      await runSync({
        databaseUrl: hub.url,
        config: vpConfig,
        source: 'vehicle-platform',
        streams: ['units', 'vehicles'],
      });
      const sql = await measure({
        databaseUrl: hub.url,
        env: vpEnv,
        source: 'vehicle-platform',
        streams: ['trips', 'positions'],
      });
      const sqlCopy = await copyBaseline(hub.url, ['Trip', 'VehiclePosition']);
      report('sql (MariaDB t_gwc_pcd + t_gwc_gps, keyset pages)', sql, sqlCopy);
    } finally {
      await vp.stop();
    }
  }

  // mqtt: telemetry published as fast as the broker takes it while the connector follows.
  if (KINDS.has('mqtt')) {
    const root = `bench-${randomUUID().slice(0, 8)}`;
    const devices = 2000;
    const client = new pg.Client({ connectionString: hub.url });
    await client.connect();
    await client.query(
      `INSERT INTO "Device" (code, type, source, "externalId", "contentHash")
     SELECT 'DB-' || g, 'METER_ELECTRIC', 'logistics', 'DB-' || g, 'bench' FROM generate_series(1, $1) g`,
      [devices],
    );
    const mqttEnv = { ...env, LOGISTICS_TOPIC_ROOT: root, LOGISTICS_MQTT_CLIENT_ID: `hub-bench-${root}` };
    // First connect creates the persistent session; then the publisher starts and the follower listens.
    await measure({
      databaseUrl: hub.url,
      env: mqttEnv,
      source: 'logistics',
      streams: ['telemetry'],
      followMs: 300,
    });
    const publisher = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: `${root}-pub` });
    let published = 0;
    let stop = false;
    const pump = (async () => {
      const t0 = Date.parse('2026-01-01T00:00:00Z');
      const inflight = new Set<Promise<unknown>>();
      while (!stop) {
        const i = published++;
        const code = `DB-${1 + (i % devices)}`;
        const body = JSON.stringify({
          deviceCode: code,
          deviceType: 'dianbiao',
          ts: t0 + i * 10,
          seq: i,
          data: { p: 12.5, ep: 1000 + i, ua: 230.1, ia: 5.2 },
        });
        const p = publisher
          .publishAsync(`${root}/lou01/1F/dianbiao/${code}/telemetry`, body, { qos: 1 })
          .finally(() => inflight.delete(p));
        inflight.add(p);
        if (inflight.size >= 100) await Promise.race(inflight);
      }
      await Promise.all(inflight);
    })();
    const mq = await measure({
      databaseUrl: hub.url,
      env: mqttEnv,
      source: 'logistics',
      streams: ['telemetry'],
      followMs: MQTT_SECONDS * 1000,
    });
    stop = true;
    await pump;
    await publisher.endAsync();
    const readings = Number((await client.query(`SELECT count(*) n FROM "Reading"`)).rows[0].n);
    await client.end();
    rows.push([
      `mqtt (telemetry, 4 readings a message; ${published.toLocaleString('en-US')} messages published)`,
      String(readings),
      mq.seconds.toFixed(2),
      Math.round((mq.summary.written * 4) / mq.seconds).toLocaleString('en-US') + ' readings/s',
      '–',
      '–',
      `${mq.peakRssMb.toFixed(0)} MB`,
    ]);
    // Drop the bench's persistent session.
    const cleaner = await mqtt.connectAsync('mqtt://127.0.0.1:1883', {
      clientId: `hub-bench-${root}`,
      clean: true,
    });
    await cleaner.endAsync();
  }
} finally {
  await office.stop();
  await hub.drop();
  await rm(inbox, { recursive: true, force: true });
  await rm(exportDir, { recursive: true, force: true });
}

const head = ['kind', 'rows', 's', 'rows/s', 'COPY rows/s', 'of COPY', 'peak RSS'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}`);
console.log('\ntarget: sql and file kinds ≥ 25% of COPY; peak RSS of the syncing process < 300 MB');
process.exit(0);
