import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script that opens the embedded database in `dataDir`, sends it SIGTERM once READY, and waits for its exit. */
function terminateWhenReady(script: string, dataDir: string): Promise<Exit> {
  const path = new URL(`../testing/${script}`, import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', 'tsx', path, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('READY ')) child.kill('SIGTERM');
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('SIGTERM with an embedded database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hub-signals-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves the database up while a process that handles SIGTERM shuts down, which then exits 0', async () => {
    const exit = await terminateWhenReady('stop-database-on-sigterm.ts', dataDir);
    expect(exit.stderr).toBe('');
    expect(exit.stdout).toContain('QUERIED 42');
    expect(exit.code).toBe(0);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });

  it('still stops the server of a process that does not handle SIGTERM', async () => {
    const exit = await terminateWhenReady('hold-database.ts', dataDir);
    expect(exit.code).toBe(128 + 15);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });
});
