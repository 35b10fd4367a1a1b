import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = new URL('./main.ts', import.meta.url).pathname;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm start`'s entry point as a person does (embedded database, simulated sources, jobs and live
 * ingest in the one process), in a data folder of its own, and sends it SIGTERM once it is running.
 */
function startThenTerminate(dataDir: string): Promise<Exit> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', SIMULATORS: 'on' };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'QUEUE_BACKEND', 'HUB_CONFIG', 'NODE_ENV'])
    delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const before = stdout;
    stdout += chunk.toString();
    if (!before.includes('District Hub is running') && stdout.includes('District Hub is running')) {
      child.kill('SIGTERM');
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

describe('npm start, stopped with SIGTERM', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hub-sigterm-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  // The whole demo starts (a new embedded database, four simulators, a first sync of each source),
  // so this takes about a minute.
  it('stops every part in order and exits 0, with nothing on stderr', { timeout: 240_000 }, async () => {
    const exit = await startThenTerminate(dataDir);
    expect(exit.stdout).toContain('District Hub is running');
    expect(exit.stdout).toContain('SIGTERM: stopping');
    expect(exit.stderr).toBe('');
    expect(exit).toMatchObject({ code: 0, signal: null });
  });
});
