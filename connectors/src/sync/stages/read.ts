import type { Logger } from '@district-hub/schema';
import type { SqlDb } from '@district-hub/schema/database';
import { connectorFor } from '../../kinds/registry.ts';
import type { LogMessage, ReadContext, ReadMessage, ReadOptions, StreamStates } from '../../sdk/types.ts';
import type { ReadStep } from './plan.ts';

/** What one read needs from the run besides its step. */
export interface ReadInput {
  db: SqlDb;
  source: string;
  runId: number;
  timeZone: string;
  full: boolean;
  state: StreamStates;
  signal: AbortSignal;
  options: ReadOptions;
  log: Logger;
  /** Where the read's warnings go (the run's summary). */
  warn: (message: string) => void;
}

/**
 * Stage 3, read: one connector's messages for the step's streams, from the run's cursors, read one
 * message ahead (`readAhead`) so fetching page n+1 overlaps writing page n. What the run asks of the
 * read (follow a live source) goes in as `ReadOptions`; the connector instance keeps nothing. The
 * connector's log messages go to the run's logger (warnings to its summary too) here.
 */
export async function* readStep(
  step: ReadStep,
  input: ReadInput,
): AsyncGenerator<Exclude<ReadMessage, LogMessage>> {
  const { db, source, runId, log } = input;
  const context: ReadContext = {
    source,
    runId,
    signal: input.signal,
    timeZone: input.timeZone,
    isFileImported: async (checksum) =>
      (await db
        .selectFrom('ImportedFile')
        .select('ImportedFile.id')
        .where('ImportedFile.source', '=', source)
        .where('ImportedFile.checksum', '=', checksum)
        .limit(1)
        .executeTakeFirst()) !== undefined,
    log: (level, message) => {
      if (level !== 'info') input.warn(message);
      log[level]({ runId }, message);
    },
  };
  const streams = step.streams.map((s) => ({
    name: s.name,
    mode: input.full ? ('full' as const) : ('incremental' as const),
  }));
  const connector = connectorFor(step.connector.kind);
  const messages = connector.read(step.connector.config, streams, input.state, context, input.options);
  for await (const message of readAhead(messages, isCommitBarrier)) {
    if (message.type === 'log') context.log(message.level, message.message);
    else yield message;
  }
}

/** A checkpoint with work tied to its commit (file bookkeeping, MQTT acknowledgements). */
export function isCommitBarrier(message: ReadMessage): boolean {
  return message.type === 'state' && Boolean(message.inTransaction || message.afterCommit);
}

/**
 * Pulls the next message from the source while the caller handles the current one. One message ahead
 * at most, so memory stays one page; and never past a `barrier` message, whose commit the source's
 * next step may depend on (a file's checkpoint records its checksum, which the next file is checked
 * against).
 */
async function* readAhead<T>(source: AsyncGenerator<T>, barrier: (message: T) => boolean): AsyncGenerator<T> {
  let pending: Promise<IteratorResult<T>> | undefined = source.next();
  try {
    for (;;) {
      const result: IteratorResult<T> = await (pending ?? source.next());
      pending = undefined;
      if (result.done) return;
      if (!barrier(result.value)) {
        pending = source.next();
        pending.catch(() => undefined); // surfaces when awaited above; never unhandled
      }
      yield result.value;
    }
  } finally {
    // Let the source close its connection once its in-flight read settles.
    if (pending) {
      void pending.then(
        () => source.return(undefined),
        () => undefined,
      );
    } else {
      void source.return(undefined);
    }
  }
}
