import type { EventBus, SyncPhase, SyncRunProgress, SyncRunStatus } from '@district-hub/schema';
import type { RunTally } from './run-tally.ts';

/** Least time between two `syncRunProgress` events of a run's batches; its start and end always go. */
const PUBLISH_EVERY_MS = 250;

/**
 * Reports a run's progress as one `SyncRunProgress`: to the caller's `onProgress` after every committed
 * batch, at the start and at the end (awaited, so a caller that acts on a batch acts before the next
 * one commits), and as the `syncRunProgress` event, at most every 250 ms between start and end.
 */
export class ProgressReporter {
  private lastPublish = 0;

  constructor(
    private readonly run: { runId: number; sourceId: string },
    private readonly tally: RunTally,
    private readonly onProgress?: (progress: SyncRunProgress) => void | Promise<void>,
    private readonly events?: EventBus,
  ) {}

  async report(phase: SyncPhase, status: SyncRunStatus, stream: string | null = null): Promise<void> {
    const now = Date.now();
    const progress: SyncRunProgress = {
      ...this.run,
      stream,
      status,
      phase,
      ...this.tally.totals,
      at: new Date(now).toISOString(),
    };
    await this.onProgress?.(progress);
    const always = phase === 'started' || phase === 'done';
    if (!this.events || (!always && now - this.lastPublish < PUBLISH_EVERY_MS)) return;
    this.lastPublish = now;
    // Progress is informative: a bus that is away must not fail the run.
    await this.events.publish('syncRunProgress', progress).catch(() => undefined);
  }
}
