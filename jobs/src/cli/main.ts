#!/usr/bin/env node
/**
 * `npx hub …` (also `npm run hub -- …`): the hub's command line. Each command lives in its own
 * `<name>-command.ts` beside this file exporting `register(program)`; every such file is registered,
 * so adding a command is adding a file.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { HubError } from '@district-hub/schema';

const program = new Command('hub')
  .description('District Hub: sync the district’s source systems into one model')
  .option(
    '-c, --config <file>',
    'sources file (default: $HUB_CONFIG or hub.config.yaml at the repository root)',
  )
  .showHelpAfterError();

const here = dirname(fileURLToPath(import.meta.url));
for (const file of readdirSync(here)
  .filter((f) => f.endsWith('-command.ts'))
  .sort()) {
  const module = (await import(pathToFileURL(join(here, file)).href)) as { register?: (p: Command) => void };
  if (typeof module.register !== 'function') throw new Error(`${file} exports no register(program)`);
  module.register(program);
}

// Libraries loaded on the way (the migration engine's WebAssembly glue) may reset process.exitCode:
// the command's verdict is taken when it returns and applied again when the process exits.
let verdict: number | string | undefined;
process.on('exit', () => {
  if (verdict) process.exitCode = verdict;
});
await program.parseAsync(process.argv).then(
  () => {
    verdict = process.exitCode;
  },
  (error: unknown) => {
    // Known errors print their one-line message; anything else its stack, which is a bug to report.
    if (error instanceof HubError) console.error(`hub: ${error.message}`);
    else console.error(error);
    verdict = 1;
  },
);
