import { HubError } from '@district-hub/schema';
import type { SourceRecord } from '../sdk/types.ts';
import type { BatchInput, Item, PreparedBatch, RecordStatus, Reject } from './batch-types.ts';
import { canonicalJson } from './content-hash.ts';
import type { EntityMapping, MapContext } from './mapping-types.ts';

/**
 * The part of a batch that needs no database: mapping every record and spotting repeated ids. Pure
 * CPU, so a caller can map batch n+1 while batch n's statements run on the server.
 */
export function mapBatch(input: BatchInput, context: Omit<MapContext, 'stream' | 'options'>): PreparedBatch {
  const { mapping, records } = input;
  const status: RecordStatus[] = new Array(records.length).fill('unchanged');
  const rejects: Reject[] = [];
  const items: Item[] = [];
  const mapContext: MapContext = { ...context, stream: input.stream, options: input.mappingOptions ?? {} };
  // First record index per source id; contents are compared only when an id repeats.
  const seenKeys = new Map<string, number>();
  for (let index = 0; index < records.length; index += 1) {
    const record = records[index]!;
    if (input.primaryKey && input.primaryKey.length > 0) {
      const key = input.primaryKey.map((f) => String(record[f] ?? '').trim()).join('\u0000');
      const first = seenKeys.get(key);
      if (first !== undefined && key !== '') {
        if (canonicalJson(records[first]) !== canonicalJson(record)) {
          status[index] = 'rejected';
          rejects.push({
            index,
            reason: `${input.primaryKey.join('+')} "${key.split('\u0000').join('+')}" is also the id of another record of this batch with different content; the source has two records under one id`,
            code: 'writer/record_rejected',
            externalId: safeExternalId(mapping, record),
          });
        }
        continue;
      }
      seenKeys.set(key, index);
    }
    try {
      const out = mapping.map(record, mapContext);
      const list = out === null ? [] : Array.isArray(out) ? out : [out];
      for (const mapped of list) items.push({ index, entity: mapped.entity ?? mapping.entity, mapped });
    } catch (error) {
      status[index] = 'rejected';
      rejects.push({
        index,
        reason: error instanceof Error ? error.message : String(error),
        code: error instanceof HubError ? error.code : 'writer/record_rejected',
        externalId: safeExternalId(mapping, record),
      });
    }
  }
  return { input, items, status, rejects };
}

function safeExternalId(mapping: EntityMapping, record: SourceRecord): string | undefined {
  try {
    const id = mapping.externalIdOf?.(record);
    return id === undefined || id === null ? undefined : String(id);
  } catch {
    return undefined;
  }
}
