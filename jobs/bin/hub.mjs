#!/usr/bin/env node
// `npx hub …`: the command line is TypeScript run through tsx, like the rest of the hub.
import { spawnSync } from 'node:child_process';

const cli = new URL('../src/cli/main.ts', import.meta.url).pathname;
const result = spawnSync(
  process.execPath,
  ['--import', import.meta.resolve('tsx'), cli, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
