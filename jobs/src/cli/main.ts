#!/usr/bin/env node
/**
 * `npx hub …` (also `npm run hub -- …`): the hub's command line. Each command lives in its own
 * `<name>-command.ts` exporting `register(program)`; add a command by adding a file and a line below.
 */
import { Command } from 'commander';
import { HubError } from '@district-hub/schema/errors/hub-error';
import { register as registerCheck } from './check-command.ts';
import { register as registerSync } from './sync-command.ts';

const program = new Command('hub')
  .description('District Hub: sync the district’s source systems into one model')
  .option(
    '-c, --config <file>',
    'sources file (default: $HUB_CONFIG or hub.config.yaml at the repository root)',
  )
  .showHelpAfterError();

for (const register of [registerCheck, registerSync]) register(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  // Known errors print their one-line message; anything else its stack, which is a bug to report.
  if (error instanceof HubError) console.error(`hub: ${error.message}`);
  else console.error(error);
  process.exitCode = process.exitCode || 1;
});
