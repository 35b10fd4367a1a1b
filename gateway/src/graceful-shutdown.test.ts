import { describe, expect, it } from 'vitest';
import { terminateOnceReady, useScratchDir } from '@district-hub/schema/testing';

const MAIN = new URL('./main.ts', import.meta.url).pathname;

/**
 * Runs `npm start`'s entry point as a person does (embedded database, simulated sources, jobs and live
 * ingest in the one process), in a data folder of its own, and sends it SIGTERM once it is running.
 */
function startThenTerminate(dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', SIMULATORS: 'on' };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'QUEUE_BACKEND', 'HUB_CONFIG', 'NODE_ENV'])
    delete env[name];
  return terminateOnceReady(MAIN, [], 'District Hub is running', env);
}

describe('npm start, stopped with SIGTERM', () => {
  const dataDir = useScratchDir('hub-sigterm-');

  // The whole demo starts (a new embedded database, four simulators, a first sync of each source),
  // so this takes about a minute.
  it('stops every part in order and exits 0, with nothing on stderr', { timeout: 240_000 }, async () => {
    const exit = await startThenTerminate(dataDir());
    expect(exit.stdout).toContain('District Hub is running');
    expect(exit.stdout).toContain('SIGTERM: stopping');
    expect(exit.stderr).toBe('');
    expect(exit).toMatchObject({ code: 0, signal: null });
  });
});
