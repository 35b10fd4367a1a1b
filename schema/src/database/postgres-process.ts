import { spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PostgresAccount } from './postgres-account.ts';

export interface ServerFiles {
  /** Folder of `initdb` and `postgres`. */
  binDir: string;
  pgData: string;
  /** The account the processes run as; null runs them as the hub's own user. */
  account: PostgresAccount | null;
  onLog: (line: string) => void;
}

export interface ServerProcess {
  /** Fast shutdown (SIGINT: clean, no recovery at the next start), resolved once the server is gone. */
  stop(): Promise<void>;
  /** Sends the fast-shutdown signal without waiting, which is all a process's `exit` handler may do. */
  interrupt(): void;
}

const READY = 'database system is ready to accept connections';

/** PostgreSQL's messages in English whatever the machine's locale: READY is matched as text. */
function run(files: ServerFiles, program: string, args: string[]): ChildProcess {
  const child = spawn(join(files.binDir, program), args, {
    ...(files.account && { uid: files.account.uid, gid: files.account.gid }),
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (chunk: Buffer) => files.onLog(String(chunk)));
  return child;
}

/** Resolves once the output of `child` contains `marker` (or, with none, once it exits 0). */
function outcome(child: ChildProcess, program: string, marker?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const watch = (chunk: Buffer) => {
      output += String(chunk);
      if (marker && output.includes(marker)) {
        child.stdout?.off('data', watch);
        child.stderr?.off('data', watch);
        resolve();
      }
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0 && !marker) resolve();
      else reject(new Error(`${program} exited with ${code ?? signal}: ${output.trim()}`));
    });
  });
}

/**
 * initdb on a new cluster owned by the server's account, with `password` for the `postgres` role. The
 * password file sits beside the cluster, readable by that account alone, for as long as initdb runs.
 */
export async function initCluster(files: ServerFiles, password: string): Promise<void> {
  const { pgData, account } = files;
  const passwordFile = join(dirname(pgData), `initdb-password-${process.pid}`);
  await mkdir(pgData, { recursive: true, mode: 0o700 });
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (account) {
    await chown(pgData, account.uid, account.gid);
    await chown(passwordFile, account.uid, account.gid);
  }
  try {
    const args = ['--pgdata', pgData, '--auth=scram-sha-256', '--username=postgres'];
    args.push(`--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C');
    await outcome(run(files, 'initdb', args), 'initdb');
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * Starts `postgres` on the cluster, on loopback only, resolved when it accepts connections. It stays
 * in the hub's process group, so a Ctrl-C in the terminal reaches it too.
 */
export async function startServer(files: ServerFiles, port: number): Promise<ServerProcess> {
  const args = ['-D', files.pgData, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'];
  const child = run(files, 'postgres', args);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await outcome(child, 'postgres', READY);
  return {
    stop: async () => {
      child.kill('SIGINT');
      await exited;
    },
    interrupt: () => void child.kill('SIGINT'),
  };
}
