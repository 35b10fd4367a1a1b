import { findMapping } from '../../mappings/registry.ts';
import type { EntityName } from '../../writer/mapping-types.ts';
import type { SyncWriter } from '../../writer/sync-writer.ts';
import type { ProgressReporter } from '../run-progress.ts';
import type { RunTally } from '../run-tally.ts';
import type { SyncPlan } from './plan.ts';

/**
 * Stage 6, reconcile: after a FULL run, soft-deletes the entities of every stream configured with
 * `reconcile` that the run did not see (`SyncWriter.reconcileDeletes`). Incremental runs and follows
 * saw only what changed, so they delete nothing.
 */
export async function reconcileRun(
  writer: SyncWriter,
  plan: SyncPlan,
  mode: 'FULL' | 'INCREMENTAL',
  tally: RunTally,
  progress: ProgressReporter,
): Promise<void> {
  if (mode !== 'FULL') return;
  const entities = new Set<EntityName>();
  for (const step of plan.steps)
    for (const stream of step.streams)
      if (stream.reconcile) entities.add(findMapping(stream.mapping)!.entity);
  if (entities.size === 0) return;
  await progress.report('reconciling', 'RUNNING');
  const result = await writer.reconcileDeletes([...entities]);
  tally.add(null, { read: 0, written: 0, unchanged: 0, rejected: 0, deleted: result.deleted });
  tally.warn(...result.warnings);
}
