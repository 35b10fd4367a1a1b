import { Role, SyncMode, SyncRunStatus } from '../generated/prisma/client.ts';
import { InvalidInputError, NotFoundError } from '../domain/domain-errors.ts';
import { iterateEvents, type SyncRunProgress } from '../events/index.ts';
import { builder } from './builder.ts';
import { ASSUMED_LIST_SIZES, listSize } from './list-size.ts';
import { userErrorTypes } from './user-errors.ts';

const SyncRunStatusEnum = builder.enumType(SyncRunStatus, { name: 'SyncRunStatus' });
const SyncModeEnum = builder.enumType(SyncMode, { name: 'SyncMode' });
/**
 * Sync runs carry what only the hub's operators should read: error texts name source hosts and
 * database users, triggers name API keys. The type itself is admin-only, so `node`/`nodes` and every
 * field that returns a run (`lastRun`, `RejectedRecord.run`) refuse other roles too.
 */
const adminOnly = { role: Role.ADMIN } as const;

builder.prismaNode('Source', {
  id: { field: 'id' },
  fields: (t) => ({
    name: t.exposeString('id', { description: 'The name in hub.config.yaml, e.g. office-space.' }),
    kind: t.exposeString('kind'),
    displayName: t.exposeString('displayName', { nullable: true }),
    enabled: t.exposeBoolean('enabled'),
    lastSyncAt: t.expose('lastSyncAt', { type: 'DateTime', nullable: true }),
    lastRun: t.prismaField({
      type: 'SyncRun',
      nullable: true,
      description: 'The most recent run (a handful of sources, so one query each is fine). Admin.',
      authScopes: adminOnly,
      resolve: (query, source, _args, context) =>
        context.prisma.syncRun.findFirst({
          ...query,
          where: { sourceId: source.id },
          orderBy: { id: 'desc' },
        }),
    }),
  }),
});

builder.prismaNode('SyncRun', {
  id: { field: 'id' },
  description: 'One run of a sync: its counts, cursor, error and who triggered it. Admin.',
  authScopes: adminOnly,
  fields: (t) => ({
    source: t.relation('source'),
    stream: t.exposeString('stream', { nullable: true }),
    mode: t.expose('mode', { type: SyncModeEnum }),
    status: t.expose('status', { type: SyncRunStatusEnum }),
    trigger: t.exposeString('trigger', { nullable: true }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    readCount: t.exposeInt('readCount'),
    writtenCount: t.exposeInt('writtenCount'),
    unchangedCount: t.exposeInt('unchangedCount'),
    rejectedCount: t.exposeInt('rejectedCount'),
    deletedCount: t.exposeInt('deletedCount'),
    error: t.exposeString('error', { nullable: true }),
    errorCode: t.exposeString('errorCode', { nullable: true }),
  }),
});

builder.prismaNode('RejectedRecord', {
  id: { field: 'id' },
  description: 'A record that failed mapping or validation, with its raw payload. Admin.',
  authScopes: adminOnly,
  fields: (t) => ({
    source: t.exposeString('source'),
    stream: t.exposeString('stream'),
    externalId: t.exposeString('externalId', { nullable: true }),
    reason: t.exposeString('reason'),
    code: t.exposeString('code'),
    payload: t.expose('payload', { type: 'JSON' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    run: t.relation('run', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  sources: t.prismaField({
    type: ['Source'],
    extensions: listSize(ASSUMED_LIST_SIZES.sources),
    resolve: (query, _root, _args, context) =>
      context.prisma.source.findMany({ ...query, orderBy: { id: 'asc' } }),
  }),
  syncRuns: t.prismaConnection({
    type: 'SyncRun',
    cursor: 'id',
    description: 'Newest first. Admin.',
    authScopes: adminOnly,
    args: {
      source: t.arg.string({ required: false }),
      status: t.arg({ type: SyncRunStatusEnum, required: false }),
    },
    resolve: (query, _root, args, context) =>
      context.prisma.syncRun.findMany({
        ...query,
        where: {
          ...(args.source ? { sourceId: args.source } : {}),
          ...(args.status ? { status: args.status } : {}),
        },
        orderBy: { id: 'desc' },
      }),
  }),
  rejectedRecords: t.prismaConnection({
    type: 'RejectedRecord',
    cursor: 'id',
    description: 'Quarantined records, newest first. Admin.',
    authScopes: adminOnly,
    args: { source: t.arg.string({ required: false }), run: t.arg.int({ required: false }) },
    resolve: (query, _root, args, context) =>
      context.prisma.rejectedRecord.findMany({
        ...query,
        where: { ...(args.source ? { source: args.source } : {}), ...(args.run ? { runId: args.run } : {}) },
        orderBy: { id: 'desc' },
      }),
  }),
}));

interface SyncTriggered {
  source: string;
  full: boolean;
  runId: number | null;
  jobId: string | null;
}

const SyncTriggeredRef = builder.objectRef<SyncTriggered>('SyncTriggered').implement({
  fields: (t) => ({
    source: t.exposeString('source'),
    full: t.exposeBoolean('full'),
    runId: t.exposeInt('runId', { nullable: true, description: 'Set when the run already started.' }),
    jobId: t.exposeString('jobId', { nullable: true, description: 'The queued job, when queued.' }),
  }),
});

builder.mutationField('triggerSync', (t) =>
  t.field({
    type: SyncTriggeredRef,
    description:
      'Queue a sync of one source now; `full` re-reads everything instead of from the cursor. Admin.',
    authScopes: adminOnly,
    errors: { types: userErrorTypes, directResult: true },
    args: { source: t.arg.string({ required: true }), full: t.arg.boolean({ defaultValue: false }) },
    resolve: async (_root, args, context) => {
      const source = await context.prisma.source.findUnique({ where: { id: args.source } });
      if (!source) throw new NotFoundError(`no source named "${args.source}"`, { source: args.source });
      if (!source.enabled) throw new InvalidInputError(`source "${args.source}" is disabled`, 'source');
      if (!context.triggerSync) {
        throw new InvalidInputError(
          'this gateway runs without job workers; start the hub with --role all',
          null,
        );
      }
      const full = args.full ?? false;
      const result = await context.triggerSync(source.id, full, context.viewer);
      return { source: source.id, full, runId: result.runId ?? null, jobId: result.jobId ?? null };
    },
  }),
);

// The counts keep the names of the `SyncRun` columns they end up in, as `SyncRun`'s own fields do.
const SyncRunProgressRef = builder.objectRef<SyncRunProgress>('SyncRunProgress').implement({
  fields: (t) => ({
    runId: t.exposeInt('runId'),
    source: t.exposeString('sourceId'),
    stream: t.exposeString('stream', { nullable: true }),
    status: t.expose('status', { type: SyncRunStatusEnum }),
    readCount: t.int({ resolve: (event) => event.read }),
    writtenCount: t.int({ resolve: (event) => event.written }),
    unchangedCount: t.int({ resolve: (event) => event.unchanged }),
    rejectedCount: t.int({ resolve: (event) => event.rejected }),
    deletedCount: t.int({ resolve: (event) => event.deleted }),
    at: t.expose('at', { type: 'DateTime' }),
  }),
});

builder.subscriptionField('syncRunProgress', (t) =>
  t.field({
    type: SyncRunProgressRef,
    description: 'Sync runs starting, committing batches and finishing. Admin.',
    authScopes: adminOnly,
    args: { source: t.arg.string({ required: false }) },
    subscribe: (_root, args, context) =>
      iterateEvents(context.events, 'syncRunProgress', {
        filter: (event) => !args.source || event.sourceId === args.source,
      }),
    resolve: (event) => event,
  }),
);
