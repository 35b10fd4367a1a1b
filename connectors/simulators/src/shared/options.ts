/** Options every simulator shares: which district to describe, its fault knobs, where it logs. */
import { silentLogger, type Logger } from '@district-hub/schema';
import { generateDistrict, type DistrictOptions } from '../district/district.ts';
import type { District } from '../district/types.ts';
import { Faults, type FaultKnobs } from '../faults.ts';

export interface CommonSimulatorOptions {
  /** A district generated beforehand (share one across simulators); otherwise generated from seed/scale. */
  district?: District;
  /** Generator options when `district` is not given. */
  seed?: DistrictOptions['seed'];
  scale?: DistrictOptions['scale'];
  /** Fault knobs at start; the handle's `faults` changes them later. */
  faults?: Partial<FaultKnobs> | Faults;
  /** Clock in epoch ms; tests pin it. Default `Date.now`. */
  now?: () => number;
  /** Where a failure of the simulator's own periodic work goes (an export, a tick); default nowhere. */
  logger?: Logger;
}

export function resolveDistrict(o: CommonSimulatorOptions): District {
  return (
    o.district ??
    generateDistrict({ ...(o.seed ? { seed: o.seed } : {}), ...(o.scale ? { scale: o.scale } : {}) })
  );
}

export function resolveLogger(o: CommonSimulatorOptions): Logger {
  return o.logger ?? silentLogger;
}

export function resolveFaults(f: CommonSimulatorOptions['faults']): Faults {
  return f instanceof Faults ? f : new Faults(f ?? {});
}
