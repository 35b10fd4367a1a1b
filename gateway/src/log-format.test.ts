import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';

const MAIN = new URL('./main.ts', import.meta.url).pathname;
/** A PostgreSQL nobody serves: `npm start` logs why it cannot go on and exits 1, within seconds. */
const NO_DATABASE = 'postgres://postgres@127.0.0.1:1/hub';

/**
 * Runs `npm start`'s entry with stdout on a pipe (as under a service manager), or on a terminal: the
 * pseudo-terminal script(1) gives it, where a person would read it. Resolves with what it printed.
 */
function startWithoutDatabase(output: 'pipe' | 'terminal', logFormat?: 'json' | 'pretty') {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: NO_DATABASE, SIMULATORS: 'off' };
  for (const name of ['LOG_LEVEL', 'LOG_FORMAT', 'REDIS_URL', 'QUEUE_BACKEND', 'HUB_CONFIG'])
    delete env[name];
  if (logFormat) env.LOG_FORMAT = logFormat;
  const node = [process.execPath, '--import', 'tsx', MAIN];
  const child =
    output === 'pipe'
      ? spawn(node[0]!, node.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('script', ['--quiet', '--return', '--command', node.join(' '), '/dev/null'], {
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; lines: string[]; stderr: string }>((resolve) =>
    child.once('close', (code) =>
      resolve({ code, lines: stdout.split(/\r?\n/).filter((line) => line !== ''), stderr }),
    ),
  );
}

const stopped = {
  level: 60,
  code: 'database/unreachable',
  msg: expect.stringContaining('DATABASE_URL: cannot reach PostgreSQL at postgres@127.0.0.1:1/hub'),
};

describe('the log format of npm start', () => {
  // Each run loads the whole hub before it fails; three at once keep this under a minute on a busy machine.
  it(
    'is JSON lines on a pipe and with LOG_FORMAT=json on a terminal, readable lines on a terminal otherwise',
    { timeout: 120_000 },
    async () => {
      const [piped, jsonOnTerminal, onTerminal] = await Promise.all([
        startWithoutDatabase('pipe'),
        startWithoutDatabase('terminal', 'json'),
        startWithoutDatabase('terminal'),
      ]);

      for (const run of [piped, jsonOnTerminal]) {
        expect(run).toMatchObject({ code: 1, stderr: '' });
        const records = run.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(records.at(-1)).toMatchObject(stopped);
      }

      expect(onTerminal.code).toBe(1);
      const last = stripVTControlCharacters(onTerminal.lines.at(-1)!);
      expect(() => JSON.parse(last)).toThrow();
      expect(last).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] FATAL: DATABASE_URL: cannot reach PostgreSQL at /);
    },
  );
});
