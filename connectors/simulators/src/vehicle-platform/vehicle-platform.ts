/**
 * The simulated official-vehicle platform (公务用车管理平台): its legacy database in MariaDB or
 * PostgreSQL, a fault proxy in front of it, and a background writer of trips and GPS fixes (README.md).
 */
import type { Faults } from '../faults.ts';
import {
  resolveDistrict,
  resolveFaults,
  resolveLogger,
  type CommonSimulatorOptions,
} from '../shared/options.ts';
import { startFaultProxy } from './fault-proxy.ts';
import { schemaStatements } from './schema.ts';
import { connectSql, dropDatabase, ensureDatabase, type SqlClient } from './sql-client.ts';
import { VehiclePlatformWriter, type AdvanceResult } from './writer.ts';

export interface VehiclePlatformOptions extends CommonSimulatorOptions {
  /** `mysql://root@127.0.0.1:3306/<db>` or `postgres://postgres@127.0.0.1:5432/<db>`; created if missing. */
  databaseUrl: string;
  /** Hours of trips and fixes written at start, ending now. Default 24. */
  historyHours?: number;
  /** Background writer interval in ms; 0 writes only on `tick()`. Default 5000. */
  tickIntervalMs?: number;
  /** Port of the fault proxy; 0 picks a free one. Default 0. */
  proxyPort?: number;
  /** Drop the database on `stop()` (tests). Default false. */
  dropDatabaseOnStop?: boolean;
}

export interface VehiclePlatformSimulator {
  /** The database as connectors should reach it: through the fault proxy. */
  url: string;
  /** The database itself, bypassing the proxy. */
  directUrl: string;
  faults: Faults;
  /** Writes what has happened up to `at` (default now). */
  tick(at?: number): Promise<AdvanceResult>;
  /** Dispatch-order codes of trips under way. */
  activeTrips(): string[];
  stop(): Promise<void>;
}

export async function startVehiclePlatform(
  options: VehiclePlatformOptions,
): Promise<VehiclePlatformSimulator> {
  const district = resolveDistrict(options);
  const faults = resolveFaults(options.faults);
  const now = options.now ?? Date.now;
  const log = resolveLogger(options);
  const directUrl = options.databaseUrl;
  await ensureDatabase(directUrl);
  const db: SqlClient = await connectSql(directUrl);
  const target = new URL(directUrl);
  const defaultPort = db.dialect === 'mysql' ? 3306 : 5432;
  let proxy: Awaited<ReturnType<typeof startFaultProxy>> | null = null;
  let timer: NodeJS.Timeout | null = null;
  try {
    for (const statement of schemaStatements(db.dialect)) await db.query(statement);
    const writer = new VehiclePlatformWriter(db, district, faults);
    const startMs = now();
    await writer.loadLedger(startMs - (options.historyHours ?? 24) * 3600_000);
    await writer.advance(startMs);
    proxy = await startFaultProxy(
      { host: target.hostname, port: Number(target.port || defaultPort) },
      faults,
      { host: '127.0.0.1', port: options.proxyPort ?? 0 },
    );
    const proxied = new URL(directUrl);
    proxied.hostname = proxy.host;
    proxied.port = String(proxy.port);
    const interval = options.tickIntervalMs ?? 5000;
    let ticking: Promise<unknown> = Promise.resolve();
    if (interval > 0) {
      timer = setInterval(() => {
        ticking = writer
          .advance(now())
          .catch((err: unknown) => log.error({ err }, 'vehicle platform simulator: write failed'));
      }, interval);
    }
    const p = proxy;
    return {
      url: proxied.toString(),
      directUrl,
      faults,
      tick: (at) => writer.advance(at ?? now()),
      activeTrips: () => writer.activeTrips(),
      async stop() {
        if (timer) clearInterval(timer);
        await ticking;
        await writer.advance(0);
        await p.close();
        await db.close();
        if (options.dropDatabaseOnStop) await dropDatabase(directUrl);
      },
    };
  } catch (err) {
    if (timer) clearInterval(timer);
    await proxy?.close();
    await db.close();
    throw err;
  }
}
