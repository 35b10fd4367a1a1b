import { spawn } from 'node:child_process';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useScratchDir } from '../testing/child-script.ts';
import { HubError } from '../errors/hub-error.ts';
import { openDatabase } from './database-factory.ts';

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

describe('embedded PostgreSQL', () => {
  const dataDir = useScratchDir('hub-embedded-');

  it('initialises a new folder on first start, migrates it, and keeps the data across a restart', async () => {
    const first = await openDatabase({ dataDir: dataDir() });
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

describe('DATABASE_URL', () => {
  it('an unreachable host stops start-up with one line naming the target', async () => {
    const attempt = openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/hub' });
    await expect(attempt).rejects.toMatchObject({ code: 'database/unreachable' });
    await expect(attempt).rejects.toThrow(
      'DATABASE_URL: cannot reach PostgreSQL at postgres@127.0.0.1:1/hub (ECONNREFUSED)',
    );
  });
});
