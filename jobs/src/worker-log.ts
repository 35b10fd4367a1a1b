import type { Worker } from 'bullmq';
import { componentLogger, type LogComponent, type Logger } from '@district-hub/schema';
import { ALERTS_QUEUE, ROLLUPS_QUEUE } from './queue-names.ts';

function componentOf(queue: string): LogComponent {
  if (queue === ALERTS_QUEUE) return 'alerts';
  if (queue === ROLLUPS_QUEUE) return 'rollups';
  return 'sync';
}

/**
 * Logs what happens to a worker's jobs and connections, each event once, through the component its
 * queue belongs to (`sync`, `alerts`, `rollups`). A failed attempt goes at warn while the queue will
 * try the job again and at error when the failure is final (BullMQ sets `finishedOn` only then), with
 * the error's stack either way. The 'error' listener is also what keeps the process alive: an
 * EventEmitter without one throws the error, so a Redis restart would kill it.
 */
export function logWorker(worker: Worker, logger: Logger): void {
  const queue = worker.name;
  const log = componentLogger(logger, componentOf(queue));
  worker.on('error', (err) => log.error({ err, queue }, `worker of ${queue}: connection error`));
  worker.on('stalled', (jobId) =>
    log.warn({ queue, jobId }, `job ${jobId} of ${queue} stalled (its worker died); it runs again`),
  );
  worker.on('failed', (job, err) => {
    const fields = { err, queue, jobId: job?.id, attempt: job?.attemptsMade, attempts: job?.opts.attempts };
    if (job && !job.finishedOn) log.warn(fields, `job ${job.id} of ${queue} failed; it will be retried`);
    else log.error(fields, `job ${job?.id ?? '(unknown)'} of ${queue} failed`);
  });
}
