import type { Command } from 'commander';
import Table from 'cli-table3';
import { checkSource } from '@district-hub/connectors';
import { abortOnSigint, configOf } from './cli-context.ts';

/** `hub check <source>`: can each connector of the source connect and read; exit 1 with the reason if not. */
export function register(program: Command): void {
  program
    .command('check')
    .argument(
      '<source>',
      'source name in hub.config.yaml (office-space, vehicle-platform, logistics, warehouse)',
    )
    .description('check that every connector of a source can connect and read, and list its streams')
    .action(async (sourceName: string, _options: unknown, command: Command) => {
      const config = configOf(command);
      const { signal, dispose } = abortOnSigint();
      try {
        const checks = await checkSource(config, sourceName, signal);
        const table = new Table({
          head: ['connector', 'result', 'streams (primary key · cursor)'],
          wordWrap: true,
          colWidths: [26, 60, 48],
          ...(process.stdout.isTTY ? {} : { style: { head: [], border: [] } }),
        });
        for (const c of checks) {
          table.push([
            `${c.kind}\n${c.path}`,
            c.result.ok ? `ok: ${c.result.details ?? ''}` : `FAILED (${c.result.code}): ${c.result.reason}`,
            c.streams
              .map(
                (s) =>
                  `${s.name} (${s.primaryKey.join('+') || '–'} · ${s.cursorField ?? (s.supportsIncremental ? 'inbox/session' : 'full')})`,
              )
              .join('\n'),
          ]);
        }
        console.log(table.toString());
        const failed = checks.filter((c) => !c.result.ok);
        if (failed.length > 0) {
          console.error(`hub: ${sourceName}: ${failed.length} of ${checks.length} connector(s) cannot read`);
          process.exitCode = 1;
        } else {
          console.log(`${sourceName}: ok`);
        }
      } finally {
        dispose();
      }
    });
}
