/**
 * Trips (派车单) and GPS fixes of the official vehicles, generated lazily: a vehicle's trips on a Beijing
 * calendar day are a pure function of (seed, vehicle, day), and a trip's fixes a pure function of the
 * trip. So the vehicle platform can materialise any window of time, history or live, without holding a
 * fleet-year of points in memory, and two runs over the same window write the same rows.
 *
 * A trip leaves the district garage, drives to a destination along a jittered polyline at 20–60 km/h,
 * waits there, and drives back; the terminal reports every 30 s while moving and every 5 minutes while
 * parked (JT/T 808 habit). Positions here are WGS-84; the platform stores them as GCJ-02.
 */
import { DESTINATIONS, TRIP_PURPOSES } from './names.ts';
import { offset } from './geometry.ts';
import { Rng, round } from './prng.ts';
import type { District, LonLat, Vehicle } from './types.ts';
import { personName } from './vehicles.ts';
import { DAY_MS, beijingDayStart, beijingWeekday, localDate } from '../time.ts';

export const MOVING_FIX_INTERVAL_MS = 30_000;
export const PARKED_FIX_INTERVAL_MS = 300_000;

export interface Trip {
  /** 派车单号, e.g. `PC2025112300120301`: date, vehicle index, trip of the day. */
  code: string;
  vehicleIndex: number;
  agencyIndex: number;
  purpose: string;
  requester: string;
  driver: string;
  origin: string;
  destination: string;
  startMs: number;
  endMs: number;
  distanceKm: number;
  /** Outbound route, WGS-84; the return leg runs it backwards. */
  route: LonLat[];
  speedKmh: number;
  dwellMs: number;
}

export interface Fix {
  timeMs: number;
  lon: number;
  lat: number;
  speedKmh: number;
  heading: number;
}

function metres(a: LonLat, b: LonLat): number {
  const dy = (b[1] - a[1]) * 111_320;
  const dx = (b[0] - a[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

function bearing(a: LonLat, b: LonLat): number {
  const dy = b[1] - a[1];
  const dx = (b[0] - a[0]) * Math.cos((a[1] * Math.PI) / 180);
  return Math.round(((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360);
}

/** The garage the fleet leaves from: just south of the district centroid. */
export function garageOf(d: District): LonLat {
  return offset(d.info.centroid, 0, -160);
}

/** Trips of one vehicle on the Beijing day starting at `dayStartMs`. */
export function tripsOfDay(d: District, v: Vehicle, dayStartMs: number): Trip[] {
  if (v.status !== 'AVAILABLE') return [];
  const dayNumber = Math.round((dayStartMs - beijingDayStart(0)) / DAY_MS);
  const rng = new Rng(`${d.info.seed}/trips/${v.index}/${dayNumber}`);
  const weekday = beijingWeekday(dayStartMs);
  const workday = weekday >= 1 && weekday <= 5;
  const count = workday
    ? rng.weighted([
        [0, 35],
        [1, 35],
        [2, 22],
        [3, 8],
      ] as const)
    : rng.chance(0.1)
      ? 1
      : 0;
  const garage = garageOf(d);
  const trips: Trip[] = [];
  let earliest = dayStartMs + 8 * 3600_000 + rng.int(0, 90) * 60_000;
  const date = localDate(dayStartMs).replace(/-/g, '');
  for (let i = 0; i < count; i++) {
    const startMs = earliest + rng.int(0, 150) * 60_000;
    if (startMs > dayStartMs + 17 * 3600_000) break;
    const [name, lon, lat] = rng.pick(DESTINATIONS);
    const dest: LonLat = [lon, lat];
    const route: LonLat[] = [garage];
    const legs = 4;
    for (let k = 1; k < legs; k++) {
      const t = k / legs;
      const base: LonLat = [garage[0] + (dest[0] - garage[0]) * t, garage[1] + (dest[1] - garage[1]) * t];
      const jitter = metres(garage, dest) * 0.08;
      route.push(offset(base, rng.float(-jitter, jitter), rng.float(-jitter, jitter)));
    }
    route.push(dest);
    let routeM = 0;
    for (let k = 1; k < route.length; k++) routeM += metres(route[k - 1] as LonLat, route[k] as LonLat);
    const speedKmh = round(rng.float(22, 48), 1);
    const legMs = Math.round((routeM / 1000 / speedKmh) * 3600_000);
    const dwellMs = rng.int(20, 120) * 60_000;
    const endMs = startMs + 2 * legMs + dwellMs;
    trips.push({
      code: `PC${date}${String(v.index).padStart(5, '0')}${String(i + 1).padStart(2, '0')}`,
      vehicleIndex: v.index,
      agencyIndex: v.agencyIndex,
      purpose: rng.pick(TRIP_PURPOSES),
      requester: personName(rng),
      driver: v.driver,
      origin: '行政办公区车库',
      destination: name,
      startMs,
      endMs,
      distanceKm: round((2 * routeM) / 1000, 1),
      route,
      speedKmh,
      dwellMs,
    });
    earliest = endMs + rng.int(15, 60) * 60_000;
  }
  return trips;
}

/** Position after `travelledM` metres along `route`, and the heading there. */
function along(route: readonly LonLat[], travelledM: number): { at: LonLat; heading: number } {
  let left = travelledM;
  for (let k = 1; k < route.length; k++) {
    const a = route[k - 1] as LonLat;
    const b = route[k] as LonLat;
    const seg = metres(a, b);
    if (left <= seg || k === route.length - 1) {
      const t = seg === 0 ? 1 : Math.min(1, left / seg);
      return { at: [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], heading: bearing(a, b) };
    }
    left -= seg;
  }
  return { at: route[0] as LonLat, heading: 0 };
}

/** Every fix of a trip, in time order. */
export function fixesOfTrip(seed: string, trip: Trip): Fix[] {
  const rng = new Rng(`${seed}/fixes/${trip.code}`);
  const fixes: Fix[] = [];
  const routeM = (trip.distanceKm * 1000) / 2;
  const legMs = (trip.endMs - trip.startMs - trip.dwellMs) / 2;
  const back = trip.route.slice().reverse();
  const leg = (route: readonly LonLat[], from: number) => {
    for (let t = 0; t <= legMs; t += MOVING_FIX_INTERVAL_MS) {
      const { at, heading } = along(route, (routeM * t) / Math.max(1, legMs));
      const moving = t > 0 && t < legMs;
      fixes.push({
        timeMs: from + t,
        lon: at[0],
        lat: at[1],
        speedKmh: moving ? round(Math.max(0, trip.speedKmh * rng.float(0.55, 1.35)), 1) : 0,
        heading,
      });
    }
  };
  leg(trip.route, trip.startMs);
  const arrived = trip.startMs + legMs;
  const dest = trip.route[trip.route.length - 1] as LonLat;
  for (let t = PARKED_FIX_INTERVAL_MS; t < trip.dwellMs; t += PARKED_FIX_INTERVAL_MS) {
    fixes.push({ timeMs: arrived + t, lon: dest[0], lat: dest[1], speedKmh: 0, heading: 0 });
  }
  leg(back, arrived + trip.dwellMs);
  for (const f of fixes) f.timeMs = Math.round(f.timeMs / 1000) * 1000;
  return fixes;
}
