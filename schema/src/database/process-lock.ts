import { readFile, rm, writeFile } from 'node:fs/promises';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function readPid(path: string): Promise<number | null> {
  const text = await readFile(path, 'utf8').catch(() => null);
  const pid = Number(text?.split('\n')[0]?.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * A pid file naming the hub process that owns a data folder. A live owner other than us means a
 * second `npm start` on the same folder; a dead one means the last hub was killed and left its
 * database server behind.
 */
export class ProcessLock {
  constructor(readonly path: string) {}

  /** The pid of another live hub holding the folder, or null once the lock is ours. */
  async acquire(): Promise<number | null> {
    const owner = await readPid(this.path);
    if (owner && owner !== process.pid && isAlive(owner)) return owner;
    await writeFile(this.path, `${process.pid}\n`);
    return null;
  }

  async release(): Promise<void> {
    if ((await readPid(this.path)) === process.pid) await rm(this.path, { force: true });
  }
}
