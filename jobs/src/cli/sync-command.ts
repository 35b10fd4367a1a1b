import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import { getSource } from '@district-hub/connectors';
import type { SyncCounts } from '@district-hub/schema';
import { abortOnSigint, configOf, withDatabase } from './cli-context.ts';
import { runQueuedSync } from './queued-sync.ts';

/**
 * `hub sync <source> [--full]`: runs one sync now through the source's sync queue, so it never runs
 * beside a scheduled run of the same source (a hub already running may take it; otherwise this
 * process works it), with a progress bar and a summary table (read / written / unchanged / rejected /
 * deleted / duration). Exit 1 when the run FAILED.
 */
export function register(program: Command): void {
  program
    .command('sync')
    .argument('<source>', 'source name in hub.config.yaml')
    .option('--full', 'read everything and soft-delete what vanished from the source')
    .option('--stream <name...>', 'only these streams')
    .option(
      '--allow-mass-delete',
      "with --full: soft-delete even more than the source's maxDeleteShare (default 20%) of a stream's rows",
    )
    .description('sync a source into the hub database now')
    .action(
      async (
        sourceName: string,
        options: { full?: boolean; stream?: string[]; allowMassDelete?: boolean },
        command: Command,
      ) => {
        const config = configOf(command);
        getSource(config, sourceName); // a typo fails here, before any database is opened
        const { signal, dispose } = abortOnSigint();
        try {
          await withDatabase(async (db) => {
            const bar = new cliProgress.SingleBar(
              {
                format: ` ${sourceName} {bar} {read} read · {written} written · {unchanged} unchanged · {rejected} rejected · {stream} · {duration_formatted}`,
                hideCursor: true,
                clearOnComplete: true,
                noTTYOutput: false,
              },
              cliProgress.Presets.shades_classic,
            );
            const interactive = process.stderr.isTTY === true;
            if (interactive)
              bar.start(1, 0, { read: 0, written: 0, unchanged: 0, rejected: 0, stream: 'connecting' });
            const summary = await runQueuedSync({
              databaseUrl: db.url,
              config,
              source: sourceName,
              full: options.full === true,
              streams: options.stream,
              allowMassDelete: options.allowMassDelete === true,
              signal,
              onProgress: (p) => {
                if (!interactive) return;
                // The total is unknown up front (sources rarely say): the bar fills as a spinner would.
                bar.setTotal(Math.max(p.read, 1));
                bar.update(p.read, { ...p, stream: p.stream ?? 'waiting' });
              },
            });
            if (interactive) bar.stop();
            const table = new Table({
              head: ['stream', 'read', 'written', 'unchanged', 'rejected', 'deleted', 'duration'],
              ...(process.stdout.isTTY ? {} : { style: { head: [], border: [] } }),
            });
            const row = (name: string, c: SyncCounts, duration = '') => [
              name,
              c.read,
              c.written,
              c.unchanged,
              c.rejected,
              c.deleted,
              duration,
            ];
            for (const [name, counts] of Object.entries(summary.streams)) table.push(row(name, counts));
            table.push(row('total', summary, `${(summary.durationMs / 1000).toFixed(1)} s`));
            console.log(table.toString());
            const mode = summary.mode.toLowerCase();
            if (summary.status === 'FAILED') {
              console.error(
                `hub: ${sourceName}: ${mode} sync run ${summary.runId} FAILED (${summary.error?.code}): ${summary.error?.message}`,
              );
              process.exitCode = 1;
            } else {
              console.log(`${sourceName}: ${mode} sync run ${summary.runId} succeeded`);
            }
          });
        } finally {
          dispose();
        }
      },
    );
}
