import type { AlertChangedEvent, EventBus } from '@district-hub/schema';
import type { RejectMessage, StateMessage } from '../../sdk/types.ts';
import type { BatchEvents, PreparedBatch, SyncWriter } from '../../writer/sync-writer.ts';
import type { ProgressReporter } from '../run-progress.ts';
import type { RunTally } from '../run-tally.ts';
import { isCommitBarrier } from './read.ts';

/** Who hears what a committed batch changed. */
export interface WriteListeners {
  events?: EventBus;
  onAlertChanged?: (event: AlertChangedEvent) => void;
}

/**
 * Stage 5, write: commits the mapped batches one transaction after another on the run's connection,
 * each with its checkpoint (`SyncWriter.commitBatch`); then adds its counts to the run's tally, hands
 * the alerts, readings and positions it committed to their listeners and reports progress. `write`
 * returns once its batch is on the server, so the caller can read and map the next one meanwhile; a
 * checkpoint with work tied to its commit is a barrier and waits for the commit.
 */
export class WritePipeline {
  /** The batch transaction on the server now, if any. */
  private inflight: Promise<void> = Promise.resolve();

  constructor(
    private readonly writer: SyncWriter,
    private readonly tally: RunTally,
    private readonly progress: ProgressReporter,
    private readonly listeners: WriteListeners,
  ) {}

  async write(prepared: PreparedBatch): Promise<void> {
    const { stream, checkpoint } = prepared.input;
    await this.inflight;
    this.inflight = this.writer.commitBatch(prepared).then(async ({ counts, events }) => {
      this.tally.add(stream, counts);
      await this.deliver(events);
      await this.progress.report('reading', 'RUNNING', stream);
    });
    this.inflight.catch(() => undefined); // awaited by the next batch or by `settle`; never unhandled
    if (checkpoint && isCommitBarrier(checkpoint)) await this.inflight;
  }

  /** Commits a checkpoint that covers no records (a stream that had nothing new). */
  async checkpoint(checkpoint: StateMessage): Promise<void> {
    await this.inflight;
    await this.writer.commitCheckpoint(checkpoint);
  }

  /** Quarantines input that never became a record, counted as read and rejected. */
  async reject(message: RejectMessage): Promise<void> {
    await this.inflight;
    await this.writer.rejectRaw(message.stream, message.payload, message.reason, message.code);
    this.tally.add(message.stream, { read: 1, written: 0, unchanged: 0, rejected: 1, deleted: 0 });
  }

  /** Resolves once the last batch has committed; rejects if it failed. */
  settle(): Promise<void> {
    return this.inflight;
  }

  /** Hands committed changes to their listeners (a batch's, or the reconcile's alerts). */
  async deliver(events: BatchEvents): Promise<void> {
    const bus = this.listeners.events;
    // Events are published after their commit; a bus that is away must not fail the run.
    for (const alert of events.alerts) {
      this.listeners.onAlertChanged?.(alert);
      await bus?.publish('alertChanged', alert).catch(() => undefined);
    }
    if (!bus) return;
    for (const p of events.positions) await bus.publish('vehiclePosition', p).catch(() => undefined);
    for (const r of events.readings) await bus.publish('reading', r).catch(() => undefined);
  }
}
