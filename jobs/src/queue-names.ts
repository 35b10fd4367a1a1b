/**
 * The one place queue names are built. Each source has a queue of its own so that BullMQ's global
 * concurrency of 1 on it means "never two runs of one source at once" across every worker machine,
 * while different sources run in parallel. BullMQ forbids ':' in queue names, hence the dot.
 */
export function syncQueueName(sourceId: string): string {
  return `sync.${sourceId}`;
}

/** Rule evaluation over fresh readings, and the periodic heartbeat sweep. */
export const ALERTS_QUEUE = 'alerts';

/** Daily energy rollups and the retention of raw readings behind them. */
export const ROLLUPS_QUEUE = 'rollups';
