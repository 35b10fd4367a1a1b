import { EnergyCarrier } from '../../generated/prisma/enums.ts';
import { builder } from '../builder.ts';
import { listSize } from '../list-size.ts';
import { checkRange, TimeRange } from '../time-range.ts';
import { DISTRICT_TIME_ZONE } from '../../domain/district-time-zone.ts';

interface CarrierTotal {
  carrier: string;
  unit: string;
  quantity: number;
  standardCoalKg: number;
  co2Kg: number;
}

interface EnergySummary {
  carriers: CarrierTotal[];
  areaM2: number;
  persons: number;
}

const total = (s: EnergySummary, key: 'standardCoalKg' | 'co2Kg') =>
  s.carriers.reduce((sum, c) => sum + c[key], 0);
const quantityOf = (s: EnergySummary, carrier: string) =>
  s.carriers.filter((c) => c.carrier === carrier).reduce((sum, c) => sum + c.quantity, 0);
const per = (value: number, base: number) => (base > 0 ? value / base : null);

const CarrierTotalRef = builder.objectRef<CarrierTotal>('EnergyCarrierTotal').implement({
  fields: (t) => ({
    carrier: t.exposeString('carrier'),
    unit: t.exposeString('unit'),
    quantity: t.exposeFloat('quantity'),
    standardCoalKg: t.exposeFloat('standardCoalKg'),
    co2Kg: t.exposeFloat('co2Kg'),
  }),
});

const EnergySummaryRef = builder.objectRef<EnergySummary>('EnergySummary').implement({
  description:
    'Consumption from the daily rollups (their coal and CO₂ factors are configuration with the edition recorded), with the 公共机构 indicators per m² and per person.',
  fields: (t) => ({
    carriers: t.field({
      type: [CarrierTotalRef],
      extensions: listSize(Object.keys(EnergyCarrier).length),
      resolve: (s) => s.carriers,
    }),
    electricityKwh: t.float({ resolve: (s) => quantityOf(s, 'ELECTRICITY') }),
    waterM3: t.float({ resolve: (s) => quantityOf(s, 'WATER') }),
    gasM3: t.float({ resolve: (s) => quantityOf(s, 'GAS') }),
    standardCoalKg: t.float({ resolve: (s) => total(s, 'standardCoalKg') }),
    co2Kg: t.float({ resolve: (s) => total(s, 'co2Kg') }),
    areaM2: t.exposeFloat('areaM2', { description: 'Usable area of the rooms of the buildings covered.' }),
    persons: t.exposeInt('persons', { description: 'Occupants of current allocations in those buildings.' }),
    standardCoalKgPerM2: t.float({
      nullable: true,
      resolve: (s) => per(total(s, 'standardCoalKg'), s.areaM2),
    }),
    standardCoalKgPerPerson: t.float({
      nullable: true,
      resolve: (s) => per(total(s, 'standardCoalKg'), s.persons),
    }),
    co2KgPerM2: t.float({ nullable: true, resolve: (s) => per(total(s, 'co2Kg'), s.areaM2) }),
    waterM3PerPerson: t.float({ nullable: true, resolve: (s) => per(quantityOf(s, 'WATER'), s.persons) }),
  }),
});

builder.queryField('energySummary', (t) =>
  t.field({
    type: EnergySummaryRef,
    args: {
      range: t.arg({
        type: TimeRange,
        required: true,
        description: 'Days whose date falls in [from, to), both read as district (Asia/Shanghai) dates.',
      }),
      building: t.arg.string({ required: false, description: 'Building code; default the whole district.' }),
    },
    resolve: async (_root, args, context) => {
      const range = checkRange(args.range);
      const building = args.building ?? null;
      const carriers = await context.prisma.$queryRaw<CarrierTotal[]>`
        SELECT e.carrier::text AS carrier, e.unit, sum(e.quantity) AS quantity,
               coalesce(sum(e."standardCoalKg"), 0) AS "standardCoalKg", coalesce(sum(e."co2Kg"), 0) AS "co2Kg"
        FROM "EnergyDaily" e JOIN "Building" b ON b.id = e."buildingId"
        WHERE e.date >= (${range.from}::timestamptz AT TIME ZONE ${DISTRICT_TIME_ZONE})::date
          AND e.date < (${range.to}::timestamptz AT TIME ZONE ${DISTRICT_TIME_ZONE})::date
          AND (${building}::text IS NULL OR b.code = ${building})
        GROUP BY e.carrier, e.unit ORDER BY e.carrier`;
      const now = new Date();
      const [base] = await context.prisma.$queryRaw<{ area: number | null; persons: number | null }[]>`
        SELECT (SELECT sum(r."usableArea") FROM "Room" r JOIN "Building" b ON b.id = r."buildingId"
                WHERE r."deletedAt" IS NULL AND b."deletedAt" IS NULL AND (${building}::text IS NULL OR b.code = ${building})) AS area,
               (SELECT sum(a.occupants)::int FROM "RoomAllocation" a JOIN "Room" r ON r.id = a."roomId" JOIN "Building" b ON b.id = r."buildingId"
                WHERE a."deletedAt" IS NULL AND r."deletedAt" IS NULL AND a."validFrom" <= ${now}
                  AND (a."validTo" IS NULL OR a."validTo" > ${now}) AND (${building}::text IS NULL OR b.code = ${building})) AS persons`;
      return {
        carriers: carriers.map((c) => ({
          ...c,
          quantity: Number(c.quantity),
          standardCoalKg: Number(c.standardCoalKg),
          co2Kg: Number(c.co2Kg),
        })),
        areaM2: Number(base?.area ?? 0),
        persons: Number(base?.persons ?? 0),
      };
    },
  }),
);
