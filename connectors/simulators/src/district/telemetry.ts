/**
 * Telemetry values of the logistics devices as pure functions of (device, time): office-hours load on
 * workdays over a night base load, PV output by the sun, HVAC by season, CO₂ with occupancy, and
 * cumulative counters (kWh, m³) that only ever grow. Being pure, a sample can be recomputed for any
 * instant, and the same seed publishes the same values.
 */
import { Rng, round } from './prng.ts';
import type { Building, Device } from './types.ts';
import { DAY_MS, beijingDayStart, beijingHour, beijingWeekday } from '../time.ts';

export type TelemetryData = Record<string, number | string>;

/** 0–1: how full the offices are. Workdays ramp up 07:30–09:00, dip at lunch, empty 17:30–19:00. */
export function occupancy(ms: number): number {
  const wd = beijingWeekday(ms);
  const h = beijingHour(ms);
  if (wd === 0 || wd === 6) return h > 9 && h < 17 ? 0.06 : 0.02;
  if (h < 7.5 || h >= 19) return 0.02;
  if (h < 9) return 0.02 + ((h - 7.5) / 1.5) * 0.98;
  if (h >= 12 && h < 13.5) return 0.7;
  if (h < 17.5) return 1;
  return 1 - ((h - 17.5) / 1.5) * 0.98;
}

function dayOfYear(ms: number): number {
  const d = new Date(ms + 8 * 3600_000);
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS);
}

/** The sun of the Beijing day that holds `ms`: hours of daylight and the peak (season times clouds). */
function sunOf(seed: string, ms: number): { dayLength: number; peak: number } {
  const doy = dayOfYear(ms);
  const dayLength = 12.2 + 2.9 * Math.sin((2 * Math.PI * (doy - 80)) / 365);
  const season = 0.75 + 0.25 * Math.sin((2 * Math.PI * (doy - 80)) / 365);
  const clouds = new Rng(`${seed}/clouds/${Math.floor((ms + 8 * 3600_000) / DAY_MS)}`).float(0.35, 1);
  return { dayLength, peak: season * clouds };
}

/** 0–1 of peak PV output: the sun's arc over a season-long day in Beijing, times the day's cloud cover. */
export function solar(seed: string, ms: number): number {
  const { dayLength, peak } = sunOf(seed, ms);
  const noon = 12.2;
  const h = beijingHour(ms);
  const rise = noon - dayLength / 2;
  const set = noon + dayLength / 2;
  if (h <= rise || h >= set) return 0;
  return round(Math.sin((Math.PI * (h - rise)) / (set - rise)) * peak, 4);
}

/** kWh per kW of PV peak over the whole Beijing day that holds `ms`: the integral of `solar`'s arc. */
export function solarDayYield(seed: string, ms: number): number {
  const { dayLength, peak } = sunOf(seed, ms);
  return (dayLength * 2 * peak) / Math.PI;
}

let weekly: number | null = null;
function occupancyHoursPerWeek(): number {
  if (weekly === null) {
    let s = 0;
    const monday = beijingDayStart(Date.UTC(2024, 0, 1, 4));
    for (let x = 0; x < 7 * DAY_MS; x += 15 * 60_000) s += occupancy(monday + x);
    weekly = (s * 15 * 60_000) / 3600_000;
  }
  return weekly;
}

/** Hours of full occupancy between two instants (15-minute steps within a day, whole weeks at once). */
export function occupancyHours(fromMs: number, toMs: number): number {
  const STEP = 15 * 60_000;
  let hours = 0;
  let t = fromMs;
  const week = 7 * DAY_MS;
  const perWeek = occupancyHoursPerWeek();
  while (t + STEP <= toMs && beijingHour(t) !== 0) {
    hours += (occupancy(t) * STEP) / 3600_000;
    t += STEP;
  }
  const weeks = Math.floor((toMs - t) / week);
  hours += weeks * perWeek;
  t += weeks * week;
  while (t + STEP <= toMs) {
    hours += (occupancy(t) * STEP) / 3600_000;
    t += STEP;
  }
  return hours + (occupancy(t) * Math.max(0, toMs - t)) / 3600_000;
}

function season(ms: number): 'cool' | 'heat' | 'fan' {
  const month = new Date(ms + 8 * 3600_000).getUTCMonth() + 1;
  if (month >= 5 && month <= 9) return 'cool';
  if (month >= 11 || month <= 3) return 'heat';
  return 'fan';
}

/** A sample of a device at `ms`, before any anomaly is laid over it. */
export function sampleDevice(seed: string, device: Device, building: Building, ms: number): TelemetryData {
  const rng = new Rng(`${seed}/sample/${device.index}/${Math.floor(ms / 1000)}`);
  const noise = (spread: number) => 1 + rng.float(-spread, spread);
  const occ = occupancy(ms);
  const installMs = Date.parse(`${device.installDate}T00:00:00+08:00`);
  const since = Math.max(0, ms - installMs);
  switch (device.type) {
    case 'METER_ELECTRIC': {
      const p = device.capacity * (0.12 + 0.7 * occ) * noise(0.05);
      const ep = device.capacity * (0.12 * (since / 3600_000) + 0.7 * occupancyHours(installMs, ms));
      const ua = 220 * noise(0.015);
      return {
        p: round(p, 2),
        ep: round(ep, 1),
        ua: round(ua, 1),
        ia: round((p * 1000) / (Math.sqrt(3) * 380 * 0.9), 2),
      };
    }
    case 'METER_WATER': {
      const flow = device.capacity * (0.04 + 0.8 * occ) * noise(0.1);
      const total = device.capacity * (0.04 * (since / 3600_000) + 0.8 * occupancyHours(installMs, ms));
      return { flow: round(flow, 3), total: round(total, 2) };
    }
    case 'PV': {
      const p = device.capacity * solar(seed, ms) * noise(0.03);
      const dayStart = beijingDayStart(ms);
      let eDay = 0;
      for (let t = dayStart; t < ms; t += 300_000)
        eDay += (device.capacity * solar(seed, t) * 300_000) / 3600_000;
      const eTotal = device.capacity * 3.6 * Math.floor(since / DAY_MS) + eDay;
      return { p: round(p, 2), eDay: round(eDay, 1), eTotal: round(eTotal, 1) };
    }
    case 'HVAC': {
      const mode = season(ms);
      const on = occ > 0.3 ? 1 : 0;
      const setTemp = mode === 'cool' ? 26 : mode === 'heat' ? 20 : 24;
      const drift = on ? rng.float(-0.8, 1.2) : mode === 'cool' ? 4 : mode === 'heat' ? -5 : 1;
      return {
        on,
        mode,
        setTemp,
        returnTemp: round(setTemp + drift, 1),
        p: round(on * device.capacity * 0.55 * noise(0.1), 2),
      };
    }
    case 'ELEVATOR': {
      const running = rng.chance(0.15 + 0.75 * occ) ? 1 : 0;
      return {
        running,
        floor: rng.int(1, building.floorsAbove),
        door: running ? 0 : rng.chance(0.3) ? 1 : 0,
        load: running ? rng.int(5, Math.round(15 + 70 * occ)) : 0,
        fault: '',
      };
    }
    case 'FIRE':
      return {
        smoke: 0,
        temp: round(22 + 3 * occ + rng.float(-0.5, 0.5), 1),
        battery: 100 - (device.index % 37),
      };
    case 'LEAK':
      return { leak: 0, battery: 100 - (device.index % 41) };
    case 'ACCESS': {
      const passes = Math.round(occupancyHours(beijingDayStart(ms), ms) * (device.index % 7) * 6);
      return { doorOpen: rng.chance(0.05 + 0.2 * occ) ? 1 : 0, forced: 0, passCount: passes };
    }
    case 'ENV':
      return {
        temp: round(21.5 + 3 * occ + rng.float(-0.4, 0.4), 1),
        hum: round(38 + rng.float(-4, 4), 1),
        co2: Math.round(430 + 620 * occ * noise(0.08)),
      };
  }
}
