import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/hub.mjs', import.meta.url));

export interface HubCliResult {
  code: number | null;
  out: string;
  err: string;
}

/** Runs `npx hub <args>` as a person does: the package's bin, in a child process with `env` added. */
export function runHubCli(args: string[], env: Record<string, string>): Promise<HubCliResult> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('close', (code) => resolve({ code, out, err }));
  });
}
