import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { silentLogger } from '@district-hub/schema';
import type { EventBus, Logger } from '@district-hub/schema';
import type { HubConfig } from '@district-hub/connectors';
import { DeliveryCounts, runSync, SyncBusyError } from '@district-hub/connectors';
import { resolveOptions } from '../defined-options.ts';

export interface LiveIngestTuning {
  /** How often a standby retries to take a connector another worker follows, in ms; default 5,000. */
  standbyRetryMs: number;
  /** First restart delay after the source dropped, in ms, doubled on each failure in a row; default 1,000. */
  backoffMs: number;
  /** Longest restart delay, in ms; default 30,000. */
  maxBackoffMs: number;
  /** A follow that lasted this long before it failed restarts after `backoffMs` again; default 60,000. */
  healthyAfterMs: number;
}

export const LIVE_INGEST_DEFAULTS: LiveIngestTuning = {
  standbyRetryMs: 5000,
  backoffMs: 1000,
  maxBackoffMs: 30_000,
  healthyAfterMs: 60_000,
};

const tuningSchema = z.object({
  standbyRetryMs: z.int().min(10),
  backoffMs: z.int().min(10),
  maxBackoffMs: z.int().min(10),
  healthyAfterMs: z.int().min(0),
});

export interface LiveIngestOptions extends Partial<LiveIngestTuning> {
  databaseUrl: string;
  config: HubConfig;
  /** Receives `alertChanged`, `reading` and `syncRunProgress` after each commit, as batch runs publish them. */
  events: EventBus;
  /**
   * The `live` component's logger: a follow that failed (the broker went away, the database dropped)
   * and the connectors' messages of each follow. Default none.
   */
  logger?: Logger;
}

/** What one follower is doing now, for tests and the process's logs. */
export interface LiveFollowerState {
  source: string;
  /** Index in the source's `connectors`. */
  connector: number;
  /** `following`: this process holds the connector; `standby`: another does; `backoff`: restarting. */
  phase: 'starting' | 'following' | 'standby' | 'backoff' | 'stopped';
  /** The SyncRun of the current (or last) follow of this process. */
  runId: number | null;
}

export interface LiveIngest {
  readonly followers: readonly LiveFollowerState[];
  /** Stops every follow: the batch in hand commits, the run ends SUCCEEDED, the MQTT session stays. */
  close(): Promise<void>;
}

/**
 * Follows every live connector of the enabled sources (`live: true` in hub.config.yaml) in this
 * worker process: one long-lived `runSync({ follow })` each, which commits every small batch as it
 * arrives (so an alarm is an Alert row and an `alertChanged` event within about a second) and counts
 * into one SyncRun per follow. Each connector has an advisory lock of its own, so the scheduled batch
 * runs of the same source are not blocked and only one worker follows it; the others stand by and
 * retry. When the source drops, the follow ends FAILED and restarts with exponential backoff; the
 * MQTT session is persistent (QoS 1, acknowledgements after commit), so nothing published meanwhile
 * is lost.
 */
export function startLiveIngest(options: LiveIngestOptions): LiveIngest {
  const { standbyRetryMs, backoffMs, maxBackoffMs, healthyAfterMs } = options;
  const given = { standbyRetryMs, backoffMs, maxBackoffMs, healthyAfterMs };
  const tuning = resolveOptions('live ingest options', tuningSchema, LIVE_INGEST_DEFAULTS, given);
  const log = options.logger ?? silentLogger;
  const stopping = new AbortController();
  const followers: LiveFollowerState[] = Object.values(options.config.sources)
    .filter((source) => source.enabled)
    .flatMap((source) =>
      source.connectors
        .filter((connector) => connector.live)
        .map((connector) => ({
          source: source.name,
          connector: connector.index,
          phase: 'starting' as const,
          runId: null,
        })),
    );

  const follow = async (state: LiveFollowerState) => {
    let delay = tuning.backoffMs;
    // Across this follower's restarts: a message that fails every follow is quarantined, not retried for ever.
    const deliveries = new DeliveryCounts();
    while (!stopping.signal.aborted) {
      let wait: number;
      const started = Date.now();
      try {
        const summary = await runSync({
          databaseUrl: options.databaseUrl,
          config: options.config,
          events: options.events,
          logger: log,
          source: state.source,
          follow: { connector: state.connector },
          deliveries,
          signal: stopping.signal,
          onStarted: (runId) => {
            state.phase = 'following';
            state.runId = runId;
          },
        });
        state.runId = summary.runId;
        if (stopping.signal.aborted) break;
        if (Date.now() - started >= tuning.healthyAfterMs) delay = tuning.backoffMs;
        // A follow ends only when its source drops (a FAILED run with its error) or when stopping.
        log.error(
          {
            err: summary.error,
            source: state.source,
            connector: state.connector,
            runId: summary.runId,
            code: summary.error?.code ?? 'connector/source_failed',
            retryInMs: delay,
          },
          `live ${state.source} connectors[${state.connector}] stopped: ${summary.error?.message ?? 'the follow ended'}`,
        );
        state.phase = 'backoff';
        wait = delay;
        delay = Math.min(delay * 2, tuning.maxBackoffMs);
      } catch (error) {
        if (error instanceof SyncBusyError) {
          state.phase = 'standby';
          wait = tuning.standbyRetryMs;
        } else {
          log.error(
            { err: error, source: state.source, connector: state.connector, retryInMs: delay },
            `live ${state.source} connectors[${state.connector}] could not start`,
          );
          state.phase = 'backoff';
          wait = delay;
          delay = Math.min(delay * 2, tuning.maxBackoffMs);
        }
      }
      await sleep(wait, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
    state.phase = 'stopped';
  };

  const loops = followers.map((state) => follow(state));
  let closing: Promise<void> | undefined;
  return {
    followers,
    close() {
      closing ??= (async () => {
        stopping.abort();
        await Promise.all(loops);
      })();
      return closing;
    },
  };
}
