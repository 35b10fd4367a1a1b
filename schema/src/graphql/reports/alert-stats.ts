import { roundTo } from '../../domain/exact-figures.ts';
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
      const [row] = await context.prisma.$queryRaw<Record<string, number | null>[]>`
        WITH a AS (
          SELECT status, extract(epoch FROM ("acknowledgedAt" - "raisedAt")) AS ack,
                 extract(epoch FROM ("resolvedAt" - "raisedAt")) AS res
          FROM "Alert" WHERE "deletedAt" IS NULL AND "raisedAt" >= ${from} AND "raisedAt" < ${to})
        SELECT count(*)::int AS raised,
               (count(*) FILTER (WHERE status = 'OPEN'))::int AS open,
               (count(*) FILTER (WHERE status = 'ACKNOWLEDGED'))::int AS acknowledged,
               (count(*) FILTER (WHERE status = 'RESOLVED'))::int AS resolved,
               avg(ack) AS "meanSecondsToAcknowledge",
               percentile_cont(0.5) WITHIN GROUP (ORDER BY ack) AS "medianSecondsToAcknowledge",
               avg(res) AS "meanSecondsToResolve",
               percentile_cont(0.5) WITHIN GROUP (ORDER BY res) AS "medianSecondsToResolve"
        FROM a`;
      const bySeverity = await context.prisma.$queryRaw<{ severity: string; count: number }[]>`
        SELECT severity::text AS severity, count(*)::int AS count FROM "Alert"
        WHERE "deletedAt" IS NULL AND "raisedAt" >= ${from} AND "raisedAt" < ${to}
        GROUP BY severity ORDER BY severity`;
      const num = (key: string) => (row?.[key] == null ? null : Number(row[key]));
      return {
        raised: num('raised') ?? 0,
        open: num('open') ?? 0,
        acknowledged: num('acknowledged') ?? 0,
        resolved: num('resolved') ?? 0,
        bySeverity,
        meanSecondsToAcknowledge: num('meanSecondsToAcknowledge'),
        medianSecondsToAcknowledge: num('medianSecondsToAcknowledge'),
        meanSecondsToResolve: num('meanSecondsToResolve'),
        medianSecondsToResolve: num('medianSecondsToResolve'),
      };
    },
  }),
);
