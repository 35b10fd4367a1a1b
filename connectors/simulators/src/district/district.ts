/**
 * The one deterministic district generator every simulator draws from (issue 3, point 1): same options,
 * byte-identical district. Each domain draws from its own forked random stream, so the four systems
 * describe the same world and a change to one domain's rules leaves the others' data as it was.
 */
import { generateAgencies } from './agencies.ts';
import { generateAllocations, meanSpaceFactor, planAllocationTargets } from './allocations.ts';
import { generateAssets } from './assets.ts';
import { generateBuildings, registerOwnership } from './buildings.ts';
import { generateDevices } from './devices.ts';
import { Rng } from './prng.ts';
import { generateRooms, setAsideRooms } from './rooms.ts';
import { SPACE_DEFAULTS, type SpaceKnobs } from './space-knobs.ts';
import type { District, LonLat } from './types.ts';
import { generateVehicles } from './vehicles.ts';

export interface DistrictOptions {
  /** Seed of every random choice. Default `'district-hub'`. */
  seed: string;
  /**
   * Multiplies every count (buildings, agencies, vehicles, devices, assets; rooms follow buildings).
   * 10 and 100 are for benchmarks; fractions such as 0.1 make small districts for fast tests.
   * Default 1: 24 buildings, ~6,000 rooms, 40 agencies, 400 vehicles, 3,000 devices, 8,000 assets.
   */
  scale: number;
  /** Every generated timestamp lies before this instant. Default `2026-01-01T00:00:00+08:00`. */
  referenceTime: string;
  /** WGS-84 centroid. Default the Beijing sub-centre administrative district (116.727, 39.909). */
  centroid: LonLat;
  /** How the district holds its space and its titles: idle rooms, over-standard agencies, ownership. */
  space: SpaceKnobs;
}

export const DISTRICT_DEFAULTS: DistrictOptions = {
  seed: 'district-hub',
  scale: 1,
  referenceTime: '2026-01-01T00:00:00+08:00',
  centroid: [116.727, 39.909],
  space: SPACE_DEFAULTS,
};

export const BASE_COUNTS = { buildings: 24, agencies: 40, vehicles: 400, devices: 3000, assets: 8000 };

export function resolveDistrictOptions(
  options: Partial<Omit<DistrictOptions, 'space'>> & { space?: Partial<SpaceKnobs> } = {},
): DistrictOptions {
  const o = { ...DISTRICT_DEFAULTS, ...options, space: { ...SPACE_DEFAULTS, ...options.space } };
  for (const [name, value] of Object.entries(o.space)) {
    if (!(typeof value === 'number' && value >= 0 && value <= 1)) {
      throw new Error(`district space.${name} must be a share in [0, 1], got ${JSON.stringify(value)}`);
    }
  }
  if (!(typeof o.scale === 'number' && o.scale > 0 && o.scale <= 1000)) {
    throw new Error(`district scale must be a number in (0, 1000], got ${JSON.stringify(o.scale)}`);
  }
  if (Number.isNaN(Date.parse(o.referenceTime))) {
    throw new Error(
      `district referenceTime must be an ISO 8601 instant, got ${JSON.stringify(o.referenceTime)}`,
    );
  }
  if (typeof o.seed !== 'string' || o.seed.length === 0) {
    throw new Error(`district seed must be a non-empty string, got ${JSON.stringify(o.seed)}`);
  }
  return o;
}

export function generateDistrict(options: Parameters<typeof resolveDistrictOptions>[0] = {}): District {
  const o = resolveDistrictOptions(options);
  const rng = new Rng(`${o.seed}`);
  const referenceMs = Date.parse(o.referenceTime);
  const count = (base: number) => Math.max(1, Math.round(base * o.scale));

  const { buildings, floors } = generateBuildings(
    rng.fork('buildings'),
    count(BASE_COUNTS.buildings),
    o.centroid,
    referenceMs,
  );
  registerOwnership(rng.fork('ownership'), buildings, o.space.unregisteredBuildingShare);
  const rooms = generateRooms(rng.fork('rooms'), buildings, referenceMs);
  const officeSupply = setAsideRooms(rng.fork('idle-rooms'), rooms, buildings.length, o.space);
  const agencies = generateAgencies(
    rng.fork('agencies'),
    count(BASE_COUNTS.agencies),
    officeSupply,
    // A little short of the supply: the agencies' rounding and their last rooms never overrun it.
    0.97 / meanSpaceFactor(o.space),
    referenceMs,
  );
  planAllocationTargets(rng.fork('allocation-targets'), agencies, o.space);
  const allocations = generateAllocations(rng.fork('allocations'), rooms, agencies, referenceMs);
  const { vehicles, maintenance } = generateVehicles(
    rng.fork('vehicles'),
    count(BASE_COUNTS.vehicles),
    agencies,
    referenceMs,
  );
  const devices = generateDevices(rng.fork('devices'), count(BASE_COUNTS.devices), buildings, rooms);
  const { assets, transfers } = generateAssets(
    rng.fork('assets'),
    count(BASE_COUNTS.assets),
    vehicles,
    rooms,
    allocations,
    agencies,
    referenceMs,
  );
  return {
    info: {
      code: 'FZX',
      name: '行政办公区',
      centroid: o.centroid,
      seed: o.seed,
      scale: o.scale,
      referenceTime: new Date(referenceMs).toISOString(),
    },
    buildings,
    floors,
    rooms,
    agencies,
    allocations,
    vehicles,
    maintenance,
    devices,
    assets,
    transfers,
  };
}
