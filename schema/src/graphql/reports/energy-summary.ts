import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../database/sql-db.ts';
import { instant, localDate } from '../../database/sql-expressions.ts';
import { DISTRICT_TIME_ZONE } from '../../domain/district-time-zone.ts';
import { allocationInForce } from '../../domain/sql-rules.ts';
import { EnergyCarrier } from '../../generated/prisma/enums.ts';
import { builder } from '../builder.ts';
import { listSize } from '../list-size.ts';
import { checkRange, TimeRange } from '../time-range.ts';

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
      const now = new Date();
      const inBuilding = (eb: ExpressionBuilder<DB, 'Building'>) =>
        building === null ? eb.lit(true) : eb('Building.code', '=', building);
      const [carriers, area, persons] = await Promise.all([
        context.sql
          .selectFrom('EnergyDaily')
          .innerJoin('Building', 'Building.id', 'EnergyDaily.buildingId')
          .select((eb) => [
            'EnergyDaily.carrier',
            'EnergyDaily.unit',
            eb.fn.sum<number>('EnergyDaily.quantity').as('quantity'),
            eb.fn.coalesce(eb.fn.sum<number>('EnergyDaily.standardCoalKg'), eb.lit(0)).as('standardCoalKg'),
            eb.fn.coalesce(eb.fn.sum<number>('EnergyDaily.co2Kg'), eb.lit(0)).as('co2Kg'),
          ])
          .where('EnergyDaily.date', '>=', localDate(instant(range.from), DISTRICT_TIME_ZONE))
          .where('EnergyDaily.date', '<', localDate(instant(range.to), DISTRICT_TIME_ZONE))
          .where(inBuilding)
          .groupBy(['EnergyDaily.carrier', 'EnergyDaily.unit'])
          .orderBy('EnergyDaily.carrier')
          .execute(),
        context.sql
          .selectFrom('Room')
          .innerJoin('Building', 'Building.id', 'Room.buildingId')
          .select((eb) => eb.fn.sum<string | null>('Room.usableArea').as('area'))
          .where('Room.deletedAt', 'is', null)
          .where('Building.deletedAt', 'is', null)
          .where(inBuilding)
          .executeTakeFirstOrThrow(),
        context.sql
          .selectFrom('RoomAllocation')
          .innerJoin('Room', 'Room.id', 'RoomAllocation.roomId')
          .innerJoin('Building', 'Building.id', 'Room.buildingId')
          .select((eb) =>
            eb.cast<number | null>(eb.fn.sum('RoomAllocation.occupants'), 'integer').as('persons'),
          )
          .where(allocationInForce(now))
          .where('Room.deletedAt', 'is', null)
          .where(inBuilding)
          .executeTakeFirstOrThrow(),
      ]);
      return { carriers, areaM2: Number(area.area ?? 0), persons: persons.persons ?? 0 };
    },
  }),
);
