import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { HubError } from '../errors/hub-error.ts';

const run = promisify(execFile);

/** The OS account the embedded server runs as when the hub runs as root (PostgreSQL refuses root). */
export interface PostgresAccount {
  name: string;
  uid: number;
  gid: number;
}

const NAME = 'postgres';

async function lookUp(): Promise<PostgresAccount | null> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', NAME]), run('id', ['-g', NAME])]);
    return { name: NAME, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return null;
  }
}

/**
 * The `postgres` account, created if missing (a system account with a group of its own), when the hub
 * runs as root; null otherwise, and the server then runs as the hub's own user.
 */
export async function postgresAccount(): Promise<PostgresAccount | null> {
  if (process.getuid?.() !== 0) return null;
  const found = await lookUp();
  if (found) return found;
  try {
    await run('groupadd', ['--force', '--system', NAME]);
    await run('useradd', ['--system', '--gid', NAME, NAME]);
  } catch (error) {
    throw new HubError(
      'database/unreachable',
      `the embedded database runs as the '${NAME}' OS user when the hub runs as root, and creating that user failed: ${String(error)}`,
      { cause: error },
    );
  }
  const created = await lookUp();
  if (!created) throw new HubError('bug/invariant', `the '${NAME}' OS user was created but cannot be found`);
  return created;
}

/**
 * The first folder on the way to `path` the account cannot enter, or `path` itself when it may not use
 * it (`test -x`: search a folder, run a file); null when it can reach it. Asked of a shell started
 * exactly as the server is (Node's spawn with uid and gid, which also drops supplementary groups), so
 * ACLs, group modes and mount options count as they will for the server, not as a walk of modes guesses.
 */
export async function blockedFor(account: PostgresAccount, path: string): Promise<string | null> {
  const steps: string[] = [];
  for (let step = path; ; step = dirname(step)) {
    steps.unshift(step);
    if (step === dirname(step)) break;
  }
  const firstBlocked = 'for p; do test -x "$p" || { echo "$p"; exit 1; }; done';
  try {
    await run('/bin/sh', ['-c', firstBlocked, 'sh', ...steps], { uid: account.uid, gid: account.gid });
    return null;
  } catch (error) {
    return String((error as { stdout?: unknown }).stdout ?? '').trim() || path;
  }
}
