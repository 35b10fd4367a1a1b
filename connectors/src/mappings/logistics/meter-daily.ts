import type { EntityMapping } from '../../writer/mapping-types.ts';
import { checkUpdatedAt, date, idOf, oneOf, optionalDecimal, quantity, text } from '../field-readers.ts';
import { RecordRejectedError } from '@district-hub/schema';
import type { Dimension } from '../../normalize/quantity.ts';

/** The platform's energy types, the hub carrier, and how a quantity of it is read. */
const CARRIERS = {
  dian: { carrier: 'ELECTRICITY', unit: 'kWh', dimension: 'energy' },
  shui: { carrier: 'WATER', unit: 'm³', dimension: 'volume' },
  ranqi: { carrier: 'GAS', unit: 'm³', dimension: 'volume' },
  reli: { carrier: 'HEAT', unit: 'GJ', dimension: null },
  guangfu: { carrier: 'PV', unit: 'kWh', dimension: 'energy' },
} as const satisfies Record<string, { carrier: string; unit: string; dimension: Dimension | null }>;

type EnergyType = keyof typeof CARRIERS;
const ENERGY_TYPES = Object.fromEntries(Object.keys(CARRIERS).map((k) => [k, k])) as Record<
  EnergyType,
  EnergyType
>;

/**
 * Heat comes in GJ, which the unit normalizer does not know: a plain number, with the record's unit
 * saying GJ, and nothing else.
 */
function usageOf(record: Record<string, unknown>, type: EnergyType): number {
  const { dimension, unit } = CARRIERS[type];
  if (dimension) return quantity(record, 'usage', dimension, '用量');
  const declared = text(record, 'unit', '单位');
  if (declared.toUpperCase() !== unit || typeof record.usage !== 'number' || !Number.isFinite(record.usage))
    throw new RecordRejectedError(`用量: "${String(record.usage)} ${declared}" is not a number of ${unit}`, {
      field: '用量',
      value: record.usage,
    });
  return record.usage;
}

/**
 * Logistics daily meter statistics (能耗日报, `/prod-api/energy/meter/daily`) → MeterDaily, keyed by the
 * platform's row id (meter and day). The building is the logistics one (`1号楼`), resolved through the
 * crosswalk office space registered; the amount is the platform's, at the meter's tariff.
 */
export const logisticsMeterDaily: EntityMapping = {
  entity: 'MeterDaily',
  description: 'logistics daily meter statistics → MeterDaily',
  externalIdOf: (r) => idOf(r, 'id'),
  map(record, context) {
    checkUpdatedAt(record, 'updateTime', context.timeZone);
    const type = oneOf(record, 'energyType', ENERGY_TYPES, '能源类型');
    const day = date(record, 'statDate', context.timeZone, '统计日期');
    if (!day) throw new RecordRejectedError('统计日期: is empty', { field: '统计日期' });
    return {
      externalId: text(record, 'id'),
      fields: {
        meterCode: text(record, 'meterCode', '表计编号'),
        date: day,
        carrier: CARRIERS[type].carrier,
        quantity: usageOf(record, type),
        unit: CARRIERS[type].unit,
        unitPrice: optionalDecimal4(record),
        cost: optionalDecimal(record, 'amount', '金额'),
      },
      refs: { buildingId: { entity: 'Building', externalId: text(record, 'building', '楼栋') } },
    };
  },
};

/** A tariff in 元 per unit to four places (`0.8095`), as text for the numeric column. */
function optionalDecimal4(record: Record<string, unknown>): string | null {
  const value = record.unitPrice;
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).replace(/元.*$/, ''));
  if (!Number.isFinite(n) || n < 0)
    throw new RecordRejectedError(`单价: "${String(value)}" is not a price`, { field: '单价', value });
  return n.toFixed(4);
}
