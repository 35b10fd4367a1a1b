import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminateOnceReady, useScratchDir } from '../testing/child-script.ts';

/** Runs a script that opens the embedded database in `dataDir`, sends it SIGTERM once READY, and waits for its exit. */
function terminateWhenReady(script: string, dataDir: string) {
  return terminateOnceReady(new URL(`../testing/${script}`, import.meta.url).pathname, [dataDir], 'READY ');
}

describe('SIGTERM with an embedded database', () => {
  const dataDir = useScratchDir('hub-signals-');

  it('leaves the database up while a process that handles SIGTERM shuts down, which then exits 0', async () => {
    const exit = await terminateWhenReady('stop-database-on-sigterm.ts', dataDir());
    expect(exit.stderr).toBe('');
    expect(exit.stdout).toContain('QUERIED 42');
    expect(exit.code).toBe(0);
    expect(existsSync(join(dataDir(), 'pg', 'postmaster.pid'))).toBe(false);
  });

  it('still stops the server of a process that does not handle SIGTERM', async () => {
    const exit = await terminateWhenReady('hold-database.ts', dataDir());
    expect(exit.code).toBe(128 + 15);
    expect(existsSync(join(dataDir(), 'pg', 'postmaster.pid'))).toBe(false);
  });
});
