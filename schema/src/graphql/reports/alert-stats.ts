import { roundTo } from '../../domain/exact-figures.ts';
import { sql } from 'kysely';
import { COUNT_ROWS, countRowsWhere, secondsBetween } from '../../database/sql-expressions.ts';
import type { AlertStatus } from '../../generated/kysely/enums.ts';
import { AlertSeverity } from '../../generated/prisma/enums.ts';
import { builder } from '../builder.ts';
import { listSize } from '../list-size.ts';
import { checkRange, TimeRange } from '../time-range.ts';

interface AlertStats {
  raised: number;
  open: number;
  acknowledged: number;
  resolved: number;
  bySeverity: { severity: string; count: number }[];
  meanSecondsToAcknowledge: number | null;
  medianSecondsToAcknowledge: number | null;
  meanSecondsToResolve: number | null;
  medianSecondsToResolve: number | null;
}

const SeverityCount = builder.objectRef<{ severity: string; count: number }>('AlertSeverityCount').implement({
  fields: (t) => ({ severity: t.exposeString('severity'), count: t.exposeInt('count') }),
});

const AlertStatsRef = builder.objectRef<AlertStats>('AlertStats').implement({
  description: 'Alerts raised in the range: how many, how bad, and how fast they were handled.',
  fields: (t) => ({
    raised: t.exposeInt('raised'),
    open: t.exposeInt('open'),
    acknowledged: t.exposeInt('acknowledged'),
    resolved: t.exposeInt('resolved'),
    bySeverity: t.field({
      type: [SeverityCount],
      extensions: listSize(Object.keys(AlertSeverity).length),
      resolve: (s) => s.bySeverity,
    }),
    meanSecondsToAcknowledge: t.float({
      nullable: true,
      description: 'Seconds, to 0.1.',
      resolve: (s) => (s.meanSecondsToAcknowledge === null ? null : roundTo(s.meanSecondsToAcknowledge, 1)),
    }),
    medianSecondsToAcknowledge: t.float({
      nullable: true,
      description: 'Seconds, to 0.1.',
      resolve: (s) =>
        s.medianSecondsToAcknowledge === null ? null : roundTo(s.medianSecondsToAcknowledge, 1),
    }),
    meanSecondsToResolve: t.float({
      nullable: true,
      description: 'Seconds, to 0.1.',
      resolve: (s) => (s.meanSecondsToResolve === null ? null : roundTo(s.meanSecondsToResolve, 1)),
    }),
    medianSecondsToResolve: t.float({
      nullable: true,
      description: 'Seconds, to 0.1.',
      resolve: (s) => (s.medianSecondsToResolve === null ? null : roundTo(s.medianSecondsToResolve, 1)),
    }),
  }),
});

builder.queryField('alertStats', (t) =>
  t.field({
    type: AlertStatsRef,
    args: { range: t.arg({ type: TimeRange, required: true }) },
    resolve: async (_root, args, context) => {
      const { from, to } = checkRange(args.range);
      const raised = context.sql
        .selectFrom('Alert')
        .where('Alert.deletedAt', 'is', null)
        .where('Alert.raisedAt', '>=', from)
        .where('Alert.raisedAt', '<', to);
      const [row, bySeverity] = await Promise.all([
        context.sql
          .with('a', () =>
            raised.select((eb) => [
              'Alert.status',
              secondsBetween(eb.ref('Alert.raisedAt'), eb.ref('Alert.acknowledgedAt')).as('ack'),
              secondsBetween(eb.ref('Alert.raisedAt'), eb.ref('Alert.resolvedAt')).as('res'),
            ]),
          )
          .selectFrom('a')
          .select((eb) => {
            const countOf = (status: AlertStatus) => countRowsWhere(eb('a.status', '=', status));
            const median = (column: 'a.ack' | 'a.res') =>
              eb.fn.agg<number | null>('percentile_cont', [sql.lit(0.5)]).withinGroupOrderBy(column);
            return [
              COUNT_ROWS.as('raised'),
              countOf('OPEN').as('open'),
              countOf('ACKNOWLEDGED').as('acknowledged'),
              countOf('RESOLVED').as('resolved'),
              eb.fn.avg<number | null>('a.ack').as('meanSecondsToAcknowledge'),
              median('a.ack').as('medianSecondsToAcknowledge'),
              eb.fn.avg<number | null>('a.res').as('meanSecondsToResolve'),
              median('a.res').as('medianSecondsToResolve'),
            ];
          })
          .executeTakeFirstOrThrow(),
        raised
          .select(['Alert.severity', COUNT_ROWS.as('count')])
          .groupBy('Alert.severity')
          .orderBy('Alert.severity')
          .execute(),
      ]);
      return { ...row, bySeverity };
    },
  }),
);
