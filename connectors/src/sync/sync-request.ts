import { ConfigError } from '@district-hub/schema';
import type { ResolvedConnector, SourceConfig } from '../config/hub-config.ts';
import { getSource } from '../config/load-config.ts';
import { batchLockKey, liveLockKey, liveTrigger } from './sync-lock.ts';
import type { RunSyncOptions } from './sync-types.ts';

/**
 * A run's options checked against the config before anything is opened: the source exists and is
 * enabled, every stream asked for exists, a followed connector is a live one. Throws `ConfigError`.
 */
export interface SyncRequest {
  source: SourceConfig;
  mode: 'FULL' | 'INCREMENTAL';
  /** Recorded in `SyncRun.trigger`; a follow's is `live:<index>`, which names its lock. */
  trigger: string | null;
  /** The live connector this run follows, if it is a follow. */
  followed?: ResolvedConnector;
  /** The advisory lock the run holds while RUNNING (see `sync-lock.ts`). */
  lockKey: string;
  /** Whether a stream is one the run reads (all of the source's unless `streams` was given). */
  wanted: (stream: string) => boolean;
}

export function resolveRequest(options: RunSyncOptions): SyncRequest {
  const source = getSource(options.config, options.source);
  const file = options.config.file;
  if (!source.enabled) throw new ConfigError(`${file}: sources.${source.name}.enabled is false`);
  const known = source.connectors.flatMap((c) => c.config.streams.map((s) => s.name));
  for (const name of options.streams ?? []) {
    if (!known.includes(name)) {
      throw new ConfigError(
        `${file}: source ${source.name} has no stream "${name}"; it has ${known.join(', ')}`,
      );
    }
  }
  const followed = options.follow ? source.connectors[options.follow.connector] : undefined;
  if (options.follow && !followed?.live) {
    throw new ConfigError(
      `${file}: sources.${source.name}.connectors[${options.follow.connector}] is not a live connector; only those can be followed`,
    );
  }
  return {
    source,
    mode: options.full && !followed ? 'FULL' : 'INCREMENTAL',
    trigger: followed ? liveTrigger(followed.index) : (options.trigger ?? null),
    followed,
    lockKey: followed ? liveLockKey(source.name, followed.index) : batchLockKey(source.name),
    wanted: (name) => !options.streams || options.streams.includes(name),
  };
}
