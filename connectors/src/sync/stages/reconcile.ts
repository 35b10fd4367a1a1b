import type { AlertChangedEvent } from '@district-hub/schema';
import { findMapping } from '../../mappings/registry.ts';
import type { EntityName } from '../../writer/mapping-types.ts';
import type { UnseenShare } from '../../writer/reconcile-deletes.ts';
import type { SyncWriter } from '../../writer/sync-writer.ts';
import type { ProgressReporter } from '../run-progress.ts';
import type { RunTally } from '../run-tally.ts';
import type { SyncPlan } from './plan.ts';

/** How a FULL run's reconcile may delete. */
export interface ReconcilePolicy {
  mode: 'FULL' | 'INCREMENTAL';
  source: string;
  /** The largest share of an entity's rows the run may soft-delete (source's `maxDeleteShare`). */
  maxDeleteShare: number;
  /** An admin confirmed a larger delete (`npx hub sync <source> --full --allow-mass-delete`). */
  allowMassDelete: boolean;
}

/**
 * Stage 6, reconcile: after a FULL run, soft-deletes the entities of every stream configured with
 * `reconcile` that the run did not see (`SyncWriter.reconcileDeletes`). Incremental runs and follows
 * saw only what changed, so they delete nothing.
 *
 * The mass-delete guard (issue 17): a source that silently caps its page size or answers a partial
 * list would have a full run soft-delete most of the district. So an entity of which the run would
 * delete more than `maxDeleteShare` of the rows is left alone unless an admin allowed it: the run
 * still SUCCEEDS, with a warning, and raises an alert naming the source, the streams and the share.
 * Returns the alerts raised, for the caller to publish.
 */
export async function reconcileRun(
  writer: SyncWriter,
  plan: SyncPlan,
  policy: ReconcilePolicy,
  tally: RunTally,
  progress: ProgressReporter,
): Promise<AlertChangedEvent[]> {
  if (policy.mode !== 'FULL') return [];
  const streamsOf = new Map<EntityName, string[]>();
  for (const step of plan.steps) {
    for (const stream of step.streams) {
      if (!stream.reconcile) continue;
      const entity = findMapping(stream.mapping)!.entity;
      streamsOf.set(entity, [...(streamsOf.get(entity) ?? []), stream.name]);
    }
  }
  if (streamsOf.size === 0) return [];
  await progress.report('reconciling', 'RUNNING');
  const alerts: AlertChangedEvent[] = [];
  const refused = new Set<EntityName>();
  for (const share of await writer.unseenShares([...streamsOf.keys()])) {
    const over = share.total > 0 && share.unseen / share.total > policy.maxDeleteShare;
    if (!over || policy.allowMassDelete) continue;
    refused.add(share.entity);
    const streams = streamsOf.get(share.entity)!;
    const message = refusedDelete(policy, streams, share);
    tally.warn(message);
    const alert = await writer.reportIncident({
      key: `sync:${policy.source}:${streams.join('+')}:mass-delete`,
      at: new Date(),
      source: policy.source,
      ruleId: null,
      kind: 'SYNC_MASS_DELETE',
      severity: 'MAJOR',
      message,
      value: Math.round((share.unseen / share.total) * 1000) / 10,
      deviceId: null,
      buildingId: null,
      roomId: null,
    });
    if (alert) alerts.push(alert);
  }
  const result = await writer.reconcileDeletes([...streamsOf.keys()].filter((e) => !refused.has(e)));
  tally.add(null, { read: 0, written: 0, unchanged: 0, rejected: 0, deleted: result.deleted });
  tally.warn(...result.warnings);
  return alerts;
}

/** The warning and the alert's message: what was refused, how much, and how to confirm it. */
function refusedDelete(policy: ReconcilePolicy, streams: string[], share: UnseenShare): string {
  const percent = ((share.unseen / share.total) * 100).toFixed(1);
  return (
    `full sync of ${policy.source} would soft-delete ${percent}% of ${share.entity} ` +
    `(${share.unseen} of ${share.total}) that stream ${streams.join(', ')} no longer returned, above the ` +
    `${(policy.maxDeleteShare * 100).toFixed(0)}% maxDeleteShare; nothing deleted. If the source did remove them, ` +
    `confirm with: npx hub sync ${policy.source} --full --allow-mass-delete`
  );
}
