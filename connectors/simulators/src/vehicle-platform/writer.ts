/**
 * Writes the district's fleet into the legacy tables and keeps it moving: the static ledger (units,
 * vehicles, maintenance) once, then, window by window, what has happened since the last write: dispatch
 * orders when trips start, GPS fixes as they occur, the end of each trip and the vehicle's status and
 * odometer. Trips and fixes come from `district/trips.ts`, so a window's rows are the same on every run.
 *
 * Fault knobs at this layer (the proxy handles the network ones): malformed dispatch rows, fixes held
 * back to the next window (older `gps_time` under a newer `id`, like a terminal's blind-zone upload) and
 * fixes written twice.
 */
import { wgs84ToGcj02 } from '@district-hub/schema';
import { fixesOfTrip, tripsOfDay, type Fix, type Trip } from '../district/trips.ts';
import type { District, Vehicle } from '../district/types.ts';
import { impossibleDate, toFullwidth, type Faults, type MalformedKind } from '../faults.ts';
import { DAY_MS, beijingDayStart, localDateTime } from '../time.ts';
import type { SqlClient, SqlValue } from './sql-client.ts';

const ENERGY_CODES = { ICE: '01', BEV: '03', PHEV: '04', HEV: '05', FCEV: '06' } as const;
const USE_CODES = {
  CONFIDENTIAL_COURIER: '01',
  EMERGENCY: '02',
  LAW_ENFORCEMENT: '03',
  SPECIAL_TECHNICAL: '04',
  OTHER: '05',
} as const;
const STATUS_CODES = { AVAILABLE: '0', MAINTENANCE: '2', RETIRED: '3' } as const;
const GPS_COLUMNS = ['cl_id', 'cphm', 'zdhm', 'jd', 'wd', 'sd', 'fx', 'gps_time', 'create_time'] as const;

interface ActiveTrip {
  trip: Trip;
  id: number;
  fixes: Fix[];
  next: number;
  malformed: MalformedKind | null;
}

export interface AdvanceResult {
  tripsStarted: number;
  tripsEnded: number;
  fixes: number;
}

export function energyCode(v: Vehicle): string {
  return v.energy === 'ICE' && /柴油|客车/.test(v.model) ? '02' : ENERGY_CODES[v.energy];
}

export class VehiclePlatformWriter {
  private lastMs = 0;
  private startMs = 0;
  private readonly active = new Map<string, ActiveTrip>();
  private readonly dayCache = new Map<number, Trip[]>();
  private heldBack: SqlValue[][] = [];
  private lastCode = '';
  private readonly vehicleIds: number[] = [];
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: SqlClient,
    private readonly district: District,
    private readonly faults: Faults,
  ) {}

  /** Writes units, vehicles and maintenance, and sets the start of the trip history. */
  async loadLedger(historyStartMs: number): Promise<void> {
    const d = this.district;
    const t = (ms: number) => localDateTime(ms);
    await this.db.insertMany(
      't_gwc_dw',
      ['dwbm', 'dwmc', 'tyshxydm', 'sjdwbm', 'scbz', 'create_time', 'update_time'],
      d.agencies.map((a) => [
        a.vehicleUnitCode,
        a.shortName,
        a.creditCode,
        a.parentIndex === null ? null : (d.agencies[a.parentIndex]?.vehicleUnitCode ?? null),
        '0',
        t(a.updatedAt - 400 * DAY_MS),
        t(a.updatedAt),
      ]),
    );
    await this.db.insertMany(
      't_gwc_cl',
      [
        'clbh',
        'cphm',
        'cpys',
        'cjh',
        'pp',
        'clxh',
        'cllx',
        'nylx',
        'pl',
        'zws',
        'gcrq',
        'gcjg',
        'bzlx',
        'dwbm',
        'clzt',
        'zlc',
        'zdhm',
        'jsy',
        'scbz',
        'create_time',
        'update_time',
      ],
      d.vehicles.map((v) => [
        `GWC${v.purchaseDate.slice(0, 4)}${String(v.index + 1).padStart(5, '0')}`,
        v.plate,
        String(v.plateColor),
        v.vin,
        v.brand,
        v.model,
        v.body,
        energyCode(v),
        v.displacement,
        v.seats,
        v.purchaseDate,
        v.price,
        USE_CODES[v.useCategory],
        (d.agencies[v.agencyIndex] as { vehicleUnitCode: string }).vehicleUnitCode,
        STATUS_CODES[v.status],
        v.odometerKm,
        v.terminalNo,
        v.driver,
        '0',
        `${v.purchaseDate} 09:00:00`,
        t(v.updatedAt),
      ]),
    );
    const ids = await this.db.query('SELECT id, clbh FROM t_gwc_cl ORDER BY id');
    for (const row of ids) this.vehicleIds[Number(String(row.clbh).slice(-5)) - 1] = Number(row.id);
    await this.db.insertMany(
      't_gwc_wxjl',
      ['cl_id', 'cphm', 'wxrq', 'wxlx', 'wxnr', 'fy', 'lc', 'wxdw', 'create_time', 'update_time'],
      d.maintenance.map((m) => {
        const v = d.vehicles[m.vehicleIndex] as Vehicle;
        return [
          this.vehicleIds[v.index] ?? null,
          v.plate,
          m.date,
          m.kind,
          m.description,
          m.cost,
          m.odometerKm,
          m.shop,
          `${m.date} 17:00:00`,
          t(m.updatedAt),
        ];
      }),
    );
    this.startMs = historyStartMs;
    this.lastMs = historyStartMs;
  }

  /** Writes everything that happened in (last write, toMs]; calls are serialised. */
  advance(toMs: number): Promise<AdvanceResult> {
    const run = this.chain.then(() => this.db.transaction(() => this.advanceNow(toMs)));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Trips in progress, by dispatch-order code. */
  activeTrips(): string[] {
    return [...this.active.keys()];
  }

  private tripsOn(dayStart: number): Trip[] {
    let trips = this.dayCache.get(dayStart);
    if (!trips) {
      trips = this.district.vehicles.flatMap((v) => tripsOfDay(this.district, v, dayStart));
      trips.sort((a, b) => a.startMs - b.startMs || a.vehicleIndex - b.vehicleIndex);
      this.dayCache.set(dayStart, trips);
      for (const key of this.dayCache.keys()) if (key < dayStart - DAY_MS) this.dayCache.delete(key);
    }
    return trips;
  }

  private async advanceNow(toMs: number): Promise<AdvanceResult> {
    const result: AdvanceResult = { tripsStarted: 0, tripsEnded: 0, fixes: 0 };
    if (toMs <= this.lastMs) return result;
    const from = this.lastMs;
    for (let day = beijingDayStart(from); day <= toMs; day += DAY_MS) {
      for (const trip of this.tripsOn(day)) {
        if (trip.startMs > from && trip.startMs <= toMs && trip.startMs >= this.startMs) {
          await this.startTrip(trip);
          result.tripsStarted += 1;
        }
      }
    }
    const rows: SqlValue[][] = [];
    const late = this.heldBack;
    this.heldBack = [];
    const ended: ActiveTrip[] = [];
    for (const a of this.active.values()) {
      const v = this.district.vehicles[a.trip.vehicleIndex] as Vehicle;
      while (a.next < a.fixes.length && (a.fixes[a.next] as Fix).timeMs <= toMs) {
        const f = a.fixes[a.next++] as Fix;
        if (f.timeMs <= from) continue;
        const g = wgs84ToGcj02(f.lon, f.lat);
        const row: SqlValue[] = [
          this.vehicleIds[v.index] ?? null,
          v.plate,
          v.terminalNo,
          g.lon.toFixed(6),
          g.lat.toFixed(6),
          f.speedKmh,
          f.heading,
          localDateTime(f.timeMs),
          localDateTime(f.timeMs + 2000),
        ];
        if (this.faults.rollOutOfOrder()) {
          row[8] = localDateTime(toMs);
          this.heldBack.push(row);
          continue;
        }
        rows.push(row);
        if (this.faults.rollDuplicate()) rows.push(row);
      }
      if (a.trip.endMs <= toMs) ended.push(a);
    }
    rows.sort((x, y) => String(x[7]).localeCompare(String(y[7])));
    for (const row of late) row[8] = localDateTime(from);
    rows.push(...late);
    if (rows.length) await this.db.insertMany('t_gwc_gps', GPS_COLUMNS, rows);
    result.fixes = rows.length;
    ended.sort((x, y) => x.trip.endMs - y.trip.endMs);
    for (const a of ended) {
      await this.endTrip(a);
      result.tripsEnded += 1;
    }
    this.lastMs = toMs;
    return result;
  }

  private async startTrip(trip: Trip): Promise<void> {
    const d = this.district;
    const v = d.vehicles[trip.vehicleIndex] as Vehicle;
    const malformed = this.faults.rollMalformed();
    const at = localDateTime(trip.startMs);
    const id = await this.db.insert('t_gwc_pcd', {
      pcdh: malformed === 'duplicate-id' && this.lastCode ? this.lastCode : trip.code,
      cl_id: this.vehicleIds[v.index] ?? null,
      cphm: malformed === 'trailing-spaces' ? `${v.plate}  ` : v.plate,
      ycdw: malformed === 'missing-building' ? '' : (d.agencies[trip.agencyIndex]?.vehicleUnitCode ?? null),
      ycr: trip.requester,
      ycsy: trip.purpose,
      cfdd: trip.origin,
      mdd: trip.destination,
      jsy: trip.driver,
      kssj: malformed === 'impossible-date' ? impossibleDate(at) : at,
      jssj: null,
      lc: null,
      zt: '1',
      create_time: at,
      update_time: at,
    });
    this.lastCode = trip.code;
    await this.db.query('UPDATE t_gwc_cl SET clzt = ?, update_time = ? WHERE id = ?', [
      '1',
      at,
      this.vehicleIds[v.index] ?? null,
    ]);
    this.active.set(trip.code, { trip, id, fixes: fixesOfTrip(d.info.seed, trip), next: 0, malformed });
  }

  private async endTrip(a: ActiveTrip): Promise<void> {
    const at = localDateTime(a.trip.endMs);
    const km = a.trip.distanceKm;
    const lc =
      a.malformed === 'area-with-unit'
        ? `${km}公里`
        : a.malformed === 'fullwidth-digits'
          ? toFullwidth(km)
          : String(km);
    await this.db.query('UPDATE t_gwc_pcd SET zt = ?, jssj = ?, lc = ?, update_time = ? WHERE id = ?', [
      '2',
      at,
      lc,
      at,
      a.id,
    ]);
    await this.db.query('UPDATE t_gwc_cl SET clzt = ?, zlc = zlc + ?, update_time = ? WHERE id = ?', [
      '0',
      km,
      at,
      this.vehicleIds[a.trip.vehicleIndex] ?? null,
    ]);
    this.active.delete(a.trip.code);
  }
}
