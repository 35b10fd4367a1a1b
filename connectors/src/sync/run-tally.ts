import { addCounts, noCounts, type SyncCounts } from '@district-hub/schema';

/** Most warnings a run keeps: a follow may run for weeks and warn on every reconnect. */
const MAX_WARNINGS = 100;

/** A run's counts so far, in total and per stream in read order, and its warnings. */
export class RunTally {
  readonly totals: SyncCounts = noCounts();
  readonly streams: Record<string, SyncCounts> = {};
  readonly warnings: string[] = [];

  /** Starts a stream's counts at zero, so a stream that read nothing still shows in the summary. */
  open(stream: string): void {
    this.streams[stream] ??= noCounts();
  }

  add(stream: string | null, counts: SyncCounts): void {
    addCounts(this.totals, counts);
    if (stream !== null) addCounts((this.streams[stream] ??= noCounts()), counts);
  }

  warn(...messages: string[]): void {
    for (const message of messages) if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
  }
}
