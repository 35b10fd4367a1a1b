import type { PrismaClient } from '../database/prisma-client.ts';
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
  prisma: PrismaClient,
  deviceId: number,
  metric: string,
  range: Range,
  bucket: Bucket,
): Promise<ReadingAggregate[]> {
  const { interval } = BUCKETS[bucket];
  bucketCount(range, bucket);
  const rows = await prisma.$queryRaw<(Omit<ReadingAggregate, 'count'> & { count: bigint })[]>`
    SELECT date_bin(${interval}::interval, time, ${range.from}::timestamptz) AS start,
           count(*) AS count, min(value) AS min, avg(value) AS avg, max(value) AS max,
           (array_agg(value ORDER BY time DESC))[1] AS last
    FROM "Reading"
    WHERE "deviceId" = ${deviceId} AND metric = ${metric} AND time >= ${range.from} AND time < ${range.to}
    GROUP BY 1 ORDER BY 1`;
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}
