import { HubError } from '@district-hub/schema';
import type { ResolvedStream } from '../../config/hub-config.ts';
import { findMapping } from '../../mappings/registry.ts';
import type { RecordsMessage, SourceRecord, StateMessage } from '../../sdk/types.ts';
import type { PreparedBatch, SyncWriter } from '../../writer/sync-writer.ts';
import type { ReadStep } from './plan.ts';

interface TakenRecords {
  records: SourceRecord[];
  origins: (string | undefined)[];
  lines: (number | undefined)[];
}

/** Records of one stream waiting for their transaction, with where each came from. */
class RecordBuffer implements TakenRecords {
  records: SourceRecord[] = [];
  origins: (string | undefined)[] = [];
  lines: (number | undefined)[] = [];

  push(message: RecordsMessage): void {
    for (let i = 0; i < message.records.length; i += 1) {
      this.records.push(message.records[i]!);
      this.origins.push(message.origins?.[i] ?? message.origin);
      this.lines.push(message.lines?.[i]);
    }
  }

  take(n: number): TakenRecords {
    return {
      records: this.records.splice(0, n),
      origins: this.origins.splice(0, n),
      lines: this.lines.splice(0, n),
    };
  }
}

/**
 * Stage 4, map: cuts each stream's records into batches of at most `batchSize`, the checkpoint going
 * with the last batch it covers, and maps each batch (`SyncWriter.prepareBatch`, pure CPU). The
 * batches are generators: each is mapped only when the caller asks for it, that is once the previous
 * batch's transaction is under way, so mapping batch n+1 overlaps committing batch n.
 */
export class BatchMapper {
  private readonly buffers = new Map<string, RecordBuffer>();
  private readonly streams: Map<string, ResolvedStream>;

  constructor(
    step: ReadStep,
    private readonly writer: SyncWriter,
    private readonly batchSize: number,
  ) {
    this.streams = new Map(step.streams.map((s) => [s.name, s]));
  }

  /** The full batches the records complete. */
  *add(message: RecordsMessage): Generator<PreparedBatch> {
    let buffer = this.buffers.get(message.stream);
    if (!buffer) this.buffers.set(message.stream, (buffer = new RecordBuffer()));
    buffer.push(message);
    while (buffer.records.length >= this.batchSize)
      yield this.prepare(message.stream, buffer.take(this.batchSize));
  }

  /**
   * Every record of the stream still buffered, the checkpoint with the last batch; nothing when none is
   * buffered (the caller commits the checkpoint alone, see `hasRecords`).
   */
  *flush(stream: string, checkpoint?: StateMessage): Generator<PreparedBatch> {
    const buffer = this.buffers.get(stream);
    if (!buffer || buffer.records.length === 0) return;
    this.buffers.delete(stream);
    while (buffer.records.length > this.batchSize) yield this.prepare(stream, buffer.take(this.batchSize));
    yield this.prepare(stream, buffer.take(buffer.records.length), checkpoint);
  }

  /** Whether records of the stream wait for a batch. */
  hasRecords(stream: string): boolean {
    return (this.buffers.get(stream)?.records.length ?? 0) > 0;
  }

  /** The streams with records still buffered once the read ended. */
  buffered(): string[] {
    return [...this.buffers.keys()];
  }

  private prepare(streamName: string, taken: TakenRecords, checkpoint?: StateMessage): PreparedBatch {
    const stream = this.stream(streamName);
    return this.writer.prepareBatch({
      stream: streamName,
      mapping: findMapping(stream.mapping)!,
      mappingOptions: stream.mappingOptions,
      ...taken,
      checkpoint,
      primaryKey: primaryKeyOf(stream),
    });
  }

  /** The step's stream of that name; a connector that yields another one is a bug. */
  stream(name: string): ResolvedStream {
    const stream = this.streams.get(name);
    if (!stream) throw new HubError('bug/invariant', `connector yielded unknown stream ${name}`);
    return stream;
  }
}

/** The source-side primary key a stream declares (rest, sql, file), for duplicate detection. */
function primaryKeyOf(stream: ResolvedStream): string[] | undefined {
  const pk = (stream as ResolvedStream & { primaryKey?: string | string[] }).primaryKey;
  if (!pk) return undefined;
  return Array.isArray(pk) ? pk : [pk];
}
