import { sql } from 'kysely';
import type { SqlDb } from '../database/sql-db.ts';
import { COUNT_ROWS, instant } from '../database/sql-expressions.ts';
import { InvalidInputError } from '../domain/domain-errors.ts';
import { builder } from './builder.ts';
import type { LatestReading } from './loaders.ts';
import type { Range } from './time-range.ts';

/** Bucket widths a client may ask for, with their PostgreSQL intervals. */
const BUCKETS = {
  MINUTE: { interval: '1 minute', ms: 60_000 },
  FIVE_MINUTES: { interval: '5 minutes', ms: 300_000 },
  FIFTEEN_MINUTES: { interval: '15 minutes', ms: 900_000 },
  HOUR: { interval: '1 hour', ms: 3_600_000 },
  DAY: { interval: '1 day', ms: 86_400_000 },
} as const;

export type Bucket = keyof typeof BUCKETS;

/** More buckets than a chart can draw is a mistake (or an attack on the database). */
export const MAX_BUCKETS = 5_000;

export const ReadingBucketEnum = builder.enumType('ReadingBucketSize', {
  values: Object.keys(BUCKETS) as Bucket[],
});

export const LatestReadingRef = builder.objectRef<LatestReading>('LatestReading').implement({
  fields: (t) => ({
    metric: t.exposeString('metric'),
    value: t.exposeFloat('value'),
    unit: t.exposeString('unit', { nullable: true }),
    time: t.expose('time', { type: 'DateTime' }),
  }),
});

export interface ReadingAggregate {
  start: Date;
  count: number;
  min: number;
  avg: number;
  max: number;
  last: number;
}

export const ReadingBucketRef = builder.objectRef<ReadingAggregate>('ReadingBucket').implement({
  fields: (t) => ({
    start: t.expose('start', { type: 'DateTime', description: 'Start of the bucket.' }),
    count: t.exposeInt('count'),
    min: t.exposeFloat('min'),
    avg: t.exposeFloat('avg'),
    max: t.exposeFloat('max'),
    last: t.exposeFloat('last', { description: 'The latest sample in the bucket.' }),
  }),
});

/** How many buckets of `bucket` width `range` holds; refuses more than `MAX_BUCKETS`. */
export function bucketCount(range: Range, bucket: Bucket): number {
  const buckets = Math.ceil((range.to.getTime() - range.from.getTime()) / BUCKETS[bucket].ms);
  if (buckets > MAX_BUCKETS) {
    throw new InvalidInputError(
      `range holds ${buckets} ${bucket} buckets; at most ${MAX_BUCKETS}: use a wider bucket`,
      'bucket',
      { limit: 'buckets', max: MAX_BUCKETS, actual: buckets },
    );
  }
  return buckets;
}

/**
 * Time-bucketed aggregates computed by PostgreSQL (`date_bin` aligned on `range.from`), so a month of
 * one-second samples crosses the wire as a few hundred rows.
 */
export async function readingBuckets(
  db: SqlDb,
  deviceId: number,
  metric: string,
  range: Range,
  bucket: Bucket,
): Promise<ReadingAggregate[]> {
  bucketCount(range, bucket);
  const start = sql<Date>`date_bin(${sql.lit(BUCKETS[bucket].interval)}::interval, ${sql.ref('Reading.time')}, ${instant(range.from)})`;
  return (
    db
      .selectFrom('Reading')
      .select((eb) => [
        start.as('start'),
        COUNT_ROWS.as('count'),
        eb.fn.min('Reading.value').as('min'),
        eb.fn.avg<number>('Reading.value').as('avg'),
        eb.fn.max('Reading.value').as('max'),
        sql<number>`(array_agg(${eb.ref('Reading.value')} ORDER BY ${eb.ref('Reading.time')} DESC))[1]`.as(
          'last',
        ),
      ])
      .where('Reading.deviceId', '=', deviceId)
      .where('Reading.metric', '=', metric)
      .where('Reading.time', '>=', range.from)
      .where('Reading.time', '<', range.to)
      // By the output column: the origin is a parameter, so the expression repeated would be another one.
      .groupBy(sql.ref('start'))
      .orderBy('start')
      .execute()
  );
}
