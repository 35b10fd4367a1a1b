/**
 * The energy platform's daily meter statistics (能耗日报): one row per building meter and closed day,
 * for the last `days` days before today. Every value is a pure function of (seed, building, meter, day),
 * so the same seed gives the same year, a day's row never changes once it is closed, and a year of rows
 * costs one small computation each (no per-minute samples).
 *
 * Magnitudes follow Beijing office buildings per m² of gross floor area and year: electricity 85–115 kWh
 * (cooling in summer raises weekdays), district heat 0.24–0.34 GJ in the heating season (15 Nov – 15 Mar,
 * by heating degree-days), water 0.7–1.2 m³, canteen gas 1.2–2.4 m³ in the buildings that have one, PV
 * by the same sun and clouds as the live inverter feed. Weekends run on base load.
 */
import { Rng, round } from '../district/prng.ts';
import { solarDayYield } from '../district/telemetry.ts';
import type { Building, District } from '../district/types.ts';
import { DAY_MS, beijingDayStart, beijingWeekday, localDate, localDateTime } from '../time.ts';
import { buildingName } from './vocabulary.ts';

export type MeterKind = 'dian' | 'shui' | 'ranqi' | 'reli' | 'guangfu';

/** A row of the export as the logistics platform writes it (RuoYi style, Beijing wall-clock times). */
export interface MeterDayRecord {
  /** `<meterCode>-<yyyyMMdd>`: the platform's own row id. */
  id: string;
  meterCode: string;
  meterName: string;
  energyType: MeterKind;
  building: string;
  statDate: string;
  usage: number;
  unit: string;
  /** 元 per unit; null where nothing is bought (PV). */
  unitPrice: number | null;
  amount: number | null;
  updateTime: string;
}

interface Meter {
  code: string;
  name: string;
  kind: MeterKind;
  unit: string;
  unitPrice: number | null;
  /** The year's total of a shaped meter; the peak kW of a PV array. */
  size: number;
  /** Seconds after local midnight at which the platform closes this meter's day. */
  closeSecond: number;
  building: Building;
}

/**
 * Tariffs of the simulated meters, of the size of Beijing's non-residential prices: electricity by
 * supply voltage (一般工商业 flat rates), water with sewage charge, pipeline gas, metered heat.
 */
const ELECTRICITY_TARIFFS = [0.8245, 0.8095, 0.7945];
const WATER_TARIFF = 9.5;
const GAS_TARIFF = 3.23;
const HEAT_TARIFF = 88;

const TWO_PI = 2 * Math.PI;

function dayOfYear(dayStart: number): number {
  const d = new Date(dayStart + 8 * 3600_000);
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS);
}

/** Beijing's daily mean temperature in °C by day of year: −3 °C in late January, 27 °C in late July. */
export function normalTemperature(doy: number): number {
  return 12 - 15 * Math.cos((TWO_PI * (doy - 20)) / 365);
}

/** Heating season of Beijing's district heat: 15 November to 15 March. */
export function heatingSeason(dayStart: number): boolean {
  const d = new Date(dayStart + 8 * 3600_000);
  const md = (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
  return md >= 1115 || md <= 315;
}

const coolingDegrees = (t: number) => Math.max(0, t - 20);
const heatingDegrees = (t: number) => Math.max(0, 18 - t);

/** Day shapes relative to an average day; weekends run on base load. */
const SHAPES: Record<
  Exclude<MeterKind, 'guangfu'>,
  (t: number, weekend: boolean, heating: boolean) => number
> = {
  dian: (t, weekend, heating) =>
    weekend ? 0.42 * (1 + 0.02 * coolingDegrees(t)) : (1 + 0.055 * coolingDegrees(t)) * (heating ? 1.06 : 1),
  shui: (t, weekend) => (weekend ? 0.35 : 1.25) * (1 + 0.015 * coolingDegrees(t)),
  ranqi: (_t, weekend) => (weekend ? 0.05 : 1),
  reli: (t, weekend, heating) => (heating ? heatingDegrees(t) * (weekend ? 0.8 : 1) : 0),
};

/** A shape's mean over a normal year (5 weekdays in 7, no weather noise), so a year sums to its total. */
const meanShapes = new Map<MeterKind, number>();
function meanShape(kind: Exclude<MeterKind, 'guangfu'>): number {
  let mean = meanShapes.get(kind);
  if (mean === undefined) {
    let sum = 0;
    const jan1 = Date.UTC(2025, 0, 1) - 8 * 3600_000;
    for (let doy = 0; doy < 365; doy++) {
      const t = normalTemperature(doy);
      const heating = heatingSeason(jan1 + doy * DAY_MS);
      sum += (5 / 7) * SHAPES[kind](t, false, heating) + (2 / 7) * SHAPES[kind](t, true, heating);
    }
    mean = sum / 365;
    meanShapes.set(kind, mean);
  }
  return mean;
}

/** The district's weather of a day: the normal temperature with ±2.5 °C of the day's own. */
export function dayTemperature(seed: string, dayStart: number): number {
  const noise = new Rng(`${seed}/weather/${localDate(dayStart)}`).normal(0, 2.5);
  return normalTemperature(dayOfYear(dayStart)) + noise;
}

/** The main meters of each building, numbered as the device list numbers them (`DB-01-B1-001`). */
export function buildingMeters(district: District): Meter[] {
  const { seed } = district.info;
  const width = Math.max(2, String(district.buildings.length).length);
  const meters: Meter[] = [];
  for (const b of district.buildings) {
    const rng = new Rng(`${seed}/meters/${b.index}`);
    const no = String(b.number).padStart(width, '0');
    const area = b.grossArea;
    const name = buildingName(b);
    const add = (
      kind: MeterKind,
      prefix: string,
      label: string,
      unit: string,
      unitPrice: number | null,
      size: number,
    ) =>
      meters.push({
        code: `${prefix}-${no}-${kind === 'guangfu' ? 'RF' : 'B1'}-001`,
        name: `${name}${label}`,
        kind,
        unit,
        unitPrice,
        size,
        closeSecond: (meters.length * 7) % 600,
        building: b,
      });
    const tariff = ELECTRICITY_TARIFFS[rng.int(0, ELECTRICITY_TARIFFS.length - 1)]!;
    add('dian', 'DB', '总电表', 'kWh', tariff, area * rng.float(85, 115));
    add('shui', 'SB', '总水表', 'm³', WATER_TARIFF, area * rng.float(0.7, 1.2));
    add('reli', 'RL', '热量表', 'GJ', HEAT_TARIFF, area * rng.float(0.24, 0.34));
    if (rng.chance(0.4)) add('ranqi', 'RQ', '食堂燃气表', 'm³', GAS_TARIFF, area * rng.float(1.2, 2.4));
    const pv = district.devices.find((d) => d.type === 'PV' && d.buildingIndex === b.index);
    // The inverter's peak kW: a day yields it times the sun's arc of the live feed (`solarDayYield`).
    if (pv) add('guangfu', 'GF', '光伏发电', 'kWh', null, pv.capacity);
  }
  return meters;
}

function meterDay(seed: string, meter: Meter, dayStart: number, temperature: number): MeterDayRecord {
  const day = localDate(dayStart);
  const noise = 1 + new Rng(`${seed}/meter-day/${meter.code}/${day}`).float(-0.04, 0.04);
  const usage =
    meter.kind === 'guangfu'
      ? meter.size * solarDayYield(seed, dayStart)
      : ((meter.size / 365) *
          noise *
          SHAPES[meter.kind](
            temperature,
            [0, 6].includes(beijingWeekday(dayStart)),
            heatingSeason(dayStart),
          )) /
        meanShape(meter.kind);
  const rounded = round(usage, meter.unit === 'GJ' ? 3 : 1);
  return {
    id: `${meter.code}-${day.replace(/-/g, '')}`,
    meterCode: meter.code,
    meterName: meter.name,
    energyType: meter.kind,
    building: buildingName(meter.building),
    statDate: day,
    usage: rounded,
    unit: meter.unit,
    unitPrice: meter.unitPrice,
    amount: meter.unitPrice === null ? null : round(rounded * meter.unitPrice, 2),
    updateTime: localDateTime(dayStart + DAY_MS + meter.closeSecond * 1000),
  };
}

/**
 * The rows of the `days` closed days before the local day of `now` whose day the platform has closed
 * by `now`, in update order (then meter code), as the export pages them.
 */
export function meterHistory(district: District, now: number, days: number): MeterDayRecord[] {
  const { seed } = district.info;
  const today = beijingDayStart(now);
  const meters = buildingMeters(district);
  const rows: MeterDayRecord[] = [];
  for (let i = days; i >= 1; i--) {
    const dayStart = today - i * DAY_MS;
    const temperature = dayTemperature(seed, dayStart);
    for (const meter of meters) rows.push(meterDay(seed, meter, dayStart, temperature));
  }
  // Yesterday closes a few minutes after midnight: until then its rows are not in the export.
  const cutoff = localDateTime(now);
  return rows
    .filter((r) => r.updateTime <= cutoff)
    .sort((a, b) =>
      a.updateTime === b.updateTime
        ? a.meterCode < b.meterCode
          ? -1
          : 1
        : a.updateTime < b.updateTime
          ? -1
          : 1,
    );
}
