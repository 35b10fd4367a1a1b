import type { Job, Worker } from 'bullmq';

export interface FinishedJob {
  job: Job;
  outcome: 'completed' | 'failed';
  /** What the processor returned, for a completed job. */
  result?: unknown;
  error?: Error;
}

/**
 * Remembers every job the given workers finish, so a test can wait for a particular job on events
 * instead of sleeping. A failure that will be retried is an outcome too (`failed`, later another one
 * for the same id), so `finished` takes a filter to wait for the one that matters.
 */
export function trackJobs(workers: readonly Worker[]) {
  const outcomes: FinishedJob[] = [];
  const waiters = new Set<() => void>();
  const record = (entry: FinishedJob) => {
    outcomes.push(entry);
    for (const wake of waiters) wake();
  };
  for (const worker of workers) {
    worker.on('completed', (job, result) => record({ job, outcome: 'completed', result }));
    worker.on('failed', (job, error) => job && record({ job, outcome: 'failed', error }));
  }
  return {
    outcomes,
    /** Resolves with the first outcome of `jobId` that satisfies `accept` (default: any). */
    finished(jobId: string, accept: (entry: FinishedJob) => boolean = () => true): Promise<FinishedJob> {
      return new Promise((resolve) => {
        const check = () => {
          const hit = outcomes.find((entry) => entry.job.id === jobId && accept(entry));
          if (hit) {
            waiters.delete(check);
            resolve(hit);
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}
