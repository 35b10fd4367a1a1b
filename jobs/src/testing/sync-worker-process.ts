import { createPrismaClient, createSqlDb, createSqlPool } from '@district-hub/schema/database';
import { createInProcessEventBus } from '@district-hub/schema';
import { createQueueBackend, type QueueBackendKind } from '../queue-backend.ts';
import { openJobQueues } from '../job-queues.ts';
import { startWorkers } from '../start-workers.ts';
import { ledgerSyncHandler } from './ledger-sync-handler.ts';
import { REDIS_URL } from './job-test-context.ts';

// A worker machine in a child process, for the crash and shutdown tests: it works the sync queue of one
// source with the slow ledger handler, says READY, and closes gracefully on SIGTERM (exit code 0).
const [kind, databaseUrl, prefix, sourceId, records, batchSize, shutdownGraceMs] = process.argv.slice(2);
const pool = createSqlPool(databaseUrl!, { max: 2 });
const prisma = createPrismaClient(databaseUrl!, { pool });
const backend = createQueueBackend({
  backend: kind as QueueBackendKind,
  redisUrl: REDIS_URL,
  databaseUrl,
  prefix,
});
const queues = await openJobQueues(backend, { sourceIds: [sourceId!] });
const running = await startWorkers({
  prisma,
  sql: createSqlDb(pool),
  events: createInProcessEventBus(),
  queues,
  kinds: ['sync'],
  syncHandler: ledgerSyncHandler(prisma, {
    records: Number(records),
    batchSize: Number(batchSize),
    batchPauseMs: 100,
  }),
  lockDurationMs: 2000,
  stalledIntervalMs: 1000,
  shutdownGraceMs: Number(shutdownGraceMs ?? 25_000),
});
process.once('SIGTERM', () => {
  void (async () => {
    await running.close();
    await queues.close();
    await prisma.$disconnect();
    await pool.end();
    process.exit(0);
  })();
});
console.log('READY');
