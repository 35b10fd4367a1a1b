import { setTimeout as delay } from 'node:timers/promises';
import type { PrismaClient } from '@district-hub/schema';
import type { SyncHandler } from '../sync/sync-handler.ts';

export interface LedgerOptions {
  /** Agencies the simulated source holds. */
  records: number;
  /** Agencies per committed batch. */
  batchSize: number;
  /** Pause after each batch, so a test can kill the process mid-sync; default none. */
  batchPauseMs?: number;
}

const STREAM = 'agencies';

/**
 * A sync handler of the connectors' shape doing real database work: it upserts agencies keyed by
 * (source, externalId) in batches, each batch committed with its cursor in the same transaction, and
 * resumes from the committed cursor. That is the property the queue's crash recovery relies on.
 */
export function ledgerSyncHandler(prisma: PrismaClient, options: LedgerOptions): SyncHandler {
  return async ({ sourceId, trigger, signal, onProgress }) => {
    await prisma.source.upsert({
      where: { id: sourceId },
      create: { id: sourceId, kind: 'test' },
      update: {},
    });
    const saved = await prisma.syncCursor.findUnique({
      where: { sourceId_stream: { sourceId, stream: STREAM } },
    });
    let position = typeof saved?.cursor === 'number' ? saved.cursor : 0;
    const run = await prisma.syncRun.create({ data: { sourceId, trigger, cursorBefore: position } });
    let written = 0;
    while (position < options.records) {
      signal.throwIfAborted();
      const end = Math.min(position + options.batchSize, options.records);
      const batch = Array.from({ length: end - position }, (_, i) => ledgerAgency(sourceId, position + i));
      await prisma.$transaction(async (tx) => {
        for (const agency of batch) {
          await tx.agency.upsert({
            where: { source_externalId: { source: sourceId, externalId: agency.externalId } },
            create: agency,
            update: agency,
          });
        }
        await tx.syncCursor.upsert({
          where: { sourceId_stream: { sourceId, stream: STREAM } },
          create: { sourceId, stream: STREAM, cursor: end },
          update: { cursor: end },
        });
      });
      written += batch.length;
      position = end;
      onProgress({
        runId: run.id,
        sourceId,
        stream: STREAM,
        status: 'RUNNING',
        phase: 'reading',
        at: new Date().toISOString(),
        read: written,
        written,
        unchanged: 0,
        rejected: 0,
        deleted: 0,
      });
      if (options.batchPauseMs) await delay(options.batchPauseMs, undefined, { signal });
    }
    await prisma.syncRun.update({
      where: { id: run.id },
      data: {
        status: 'SUCCEEDED',
        finishedAt: new Date(),
        readCount: written,
        writtenCount: written,
        cursorAfter: position,
      },
    });
    return { runId: run.id, read: written, written, unchanged: 0, rejected: 0, deleted: 0 };
  };
}

/** Record `index` of the simulated source: a pure function of it, so two runs write the same rows. */
export function ledgerAgency(sourceId: string, index: number) {
  const code = `${sourceId}-${String(index).padStart(5, '0')}`;
  return { code, name: `机关 ${code}`, source: sourceId, externalId: code, contentHash: `hash-${code}` };
}
