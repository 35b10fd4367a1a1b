import type { Command } from 'commander';
import { defaultConfigPath, loadHubConfig } from '@district-hub/connectors';
import type { HubConfig } from '@district-hub/connectors';
import { openDatabase, type Database } from '@district-hub/schema/database';

/** The sources file named by `--config`, `$HUB_CONFIG` or the default, validated. */
export function configOf(command: Command): HubConfig {
  const file = (command.optsWithGlobals() as { config?: string }).config;
  return loadHubConfig(file ?? defaultConfigPath());
}

/** The hub database: DATABASE_URL, or the embedded one (migrated), as `npm start` opens it. */
export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ log: (line) => console.error(line) });
  try {
    return await work(db);
  } finally {
    await db.stop();
  }
}

/** Ctrl-C cancels the command's work once (the run ends FAILED "cancelled"); twice exits at once. */
export function abortOnSigint(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  let presses = 0;
  const onSigint = () => {
    presses += 1;
    if (presses > 1) process.exit(130);
    console.error('\ncancelling… (Ctrl-C again to quit now)');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}
