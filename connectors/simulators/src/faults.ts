/**
 * One fault-knob model shared by every simulator (issue 3, point 6). A simulator's handle exposes its
 * `Faults`; a test sets knobs at any time (`sim.faults.set({ errorNext: 2 })`) and each simulator applies
 * them at its protocol's natural place (see README.md, "Fault knobs"). Random decisions come from a
 * seeded stream, so a failing test replays the same faults.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Rng } from './district/prng.ts';

export const MALFORMED_KINDS = [
  'area-with-unit',
  'fullwidth-digits',
  'impossible-date',
  'missing-building',
  'duplicate-id',
  'trailing-spaces',
] as const;

export type MalformedKind = (typeof MALFORMED_KINDS)[number];

export interface FaultKnobs {
  /** Added delay in ms before each response, forwarded chunk, publish or file. Default 0. */
  latencyMs: number;
  /** Uniform extra delay in [0, jitterMs). Default 0. */
  jitterMs: number;
  /** Probability an operation fails outright (HTTP 500, connection reset, non-JSON payload, empty file). */
  errorRate: number;
  /** The next N operations fail whatever `errorRate` says. */
  errorNext: number;
  /** Probability an HTTP request is refused with 429 and `Retry-After`. */
  rateLimitRate: number;
  /** The next N HTTP requests get 429. */
  rateLimitNext: number;
  /** Seconds in `Retry-After`. Default 1. */
  retryAfterSeconds: number;
  /** Probability a transfer is cut in the middle (HTTP body, SQL result, MQTT batch, file). */
  dropRate: number;
  /** The next N transfers are cut. */
  dropNext: number;
  /** Probability a record, row or message is malformed with one of `malformedKinds`. */
  malformedRate: number;
  /** Which malformations to draw from. Default all six. */
  malformedKinds: MalformedKind[];
  /** Probability a record arrives out of timestamp order. */
  outOfOrderRate: number;
  /** Probability a record or message is delivered twice. */
  duplicateRate: number;
  /** Seed of the decisions. Default `'faults'`. */
  seed: string;
}

export const FAULT_DEFAULTS: FaultKnobs = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  errorNext: 0,
  rateLimitRate: 0,
  rateLimitNext: 0,
  retryAfterSeconds: 1,
  dropRate: 0,
  dropNext: 0,
  malformedRate: 0,
  malformedKinds: [...MALFORMED_KINDS],
  outOfOrderRate: 0,
  duplicateRate: 0,
  seed: 'faults',
};

const RATES = [
  'errorRate',
  'rateLimitRate',
  'dropRate',
  'malformedRate',
  'outOfOrderRate',
  'duplicateRate',
] as const;
const COUNTS = [
  'latencyMs',
  'jitterMs',
  'errorNext',
  'rateLimitNext',
  'dropNext',
  'retryAfterSeconds',
] as const;

export type FaultName = 'error' | 'rateLimit' | 'drop' | 'malformed' | 'outOfOrder' | 'duplicate';

export class Faults {
  knobs: FaultKnobs;
  /** How many faults of each kind were injected since the last reset, for tests and logs. */
  readonly injected: Record<FaultName, number> = {
    error: 0,
    rateLimit: 0,
    drop: 0,
    malformed: 0,
    outOfOrder: 0,
    duplicate: 0,
  };
  private rng: Rng;

  constructor(initial: Partial<FaultKnobs> = {}) {
    this.knobs = { ...FAULT_DEFAULTS };
    this.rng = new Rng(this.knobs.seed);
    this.set(initial);
  }

  /** Merges and validates knobs; a bad value throws naming the knob. */
  set(partial: Partial<FaultKnobs>): this {
    const next = { ...this.knobs, ...partial };
    for (const k of RATES) {
      const v = next[k];
      if (!(typeof v === 'number' && v >= 0 && v <= 1)) {
        throw new Error(`fault knob ${k} must be a probability in [0, 1], got ${JSON.stringify(v)}`);
      }
    }
    for (const k of COUNTS) {
      const v = next[k];
      if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
        throw new Error(`fault knob ${k} must be a non-negative number, got ${JSON.stringify(v)}`);
      }
    }
    for (const kind of next.malformedKinds) {
      if (!MALFORMED_KINDS.includes(kind)) {
        throw new Error(`fault knob malformedKinds: unknown kind ${JSON.stringify(kind)}`);
      }
    }
    if (partial.seed !== undefined) this.rng = new Rng(partial.seed);
    this.knobs = next;
    return this;
  }

  /** Back to no faults (and a fresh decision stream). */
  reset(): this {
    this.knobs = { ...FAULT_DEFAULTS, malformedKinds: [...MALFORMED_KINDS] };
    this.rng = new Rng(this.knobs.seed);
    for (const k of Object.keys(this.injected) as FaultName[]) this.injected[k] = 0;
    return this;
  }

  /** Waits `latencyMs` plus jitter; resolves at once when both are 0. */
  async delay(): Promise<void> {
    const ms = this.knobs.latencyMs + (this.knobs.jitterMs > 0 ? this.rng.next() * this.knobs.jitterMs : 0);
    if (ms > 0) await sleep(ms);
  }

  takeError(): boolean {
    return this.take('error', 'errorNext', this.knobs.errorRate);
  }

  takeRateLimit(): boolean {
    return this.take('rateLimit', 'rateLimitNext', this.knobs.rateLimitRate);
  }

  takeDrop(): boolean {
    return this.take('drop', 'dropNext', this.knobs.dropRate);
  }

  /** A malformation to apply to one record, or null. */
  rollMalformed(): MalformedKind | null {
    if (this.knobs.malformedRate <= 0 || this.knobs.malformedKinds.length === 0) return null;
    if (!this.rng.chance(this.knobs.malformedRate)) return null;
    this.injected.malformed += 1;
    return this.rng.pick(this.knobs.malformedKinds);
  }

  rollOutOfOrder(): boolean {
    return this.roll('outOfOrder', this.knobs.outOfOrderRate);
  }

  rollDuplicate(): boolean {
    return this.roll('duplicate', this.knobs.duplicateRate);
  }

  /** A number in [0, 1) from the fault stream, for where in a transfer to cut. */
  fraction(): number {
    return this.rng.next();
  }

  private take(name: FaultName, counter: 'errorNext' | 'rateLimitNext' | 'dropNext', rate: number): boolean {
    if (this.knobs[counter] > 0) {
      this.knobs[counter] -= 1;
      this.injected[name] += 1;
      return true;
    }
    return this.roll(name, rate);
  }

  private roll(name: FaultName, rate: number): boolean {
    if (rate <= 0 || !this.rng.chance(rate)) return false;
    this.injected[name] += 1;
    return true;
  }
}

/**
 * Applies the record-level knobs to a batch about to be served or written: each record may be malformed
 * (by the system's own `corrupt`, which knows its field names), delivered twice, or swapped with its
 * successor so timestamps go out of order. Returns a new array; records that are changed are copies.
 */
export function applyRecordFaults<T>(
  records: readonly T[],
  faults: Faults,
  corrupt: (record: T, kind: MalformedKind, previous: T | undefined) => T,
): T[] {
  const k = faults.knobs;
  if (k.malformedRate === 0 && k.duplicateRate === 0 && k.outOfOrderRate === 0) return records.slice();
  const out: T[] = [];
  for (let i = 0; i < records.length; i++) {
    let record = records[i] as T;
    const kind = faults.rollMalformed();
    if (kind) record = corrupt(record, kind, records[i - 1]);
    out.push(record);
    if (faults.rollDuplicate()) out.push(record);
  }
  for (let i = 0; i + 1 < out.length; i++) {
    if (faults.rollOutOfOrder()) {
      [out[i], out[i + 1]] = [out[i + 1] as T, out[i] as T];
      i += 1;
    }
  }
  return out;
}

// ─── value malformations, shared by the systems' `corrupt` functions ────────────────────────────────

/** `18.5` → `18.5㎡` (or another unit). */
export function withUnit(value: number | string, unit: string): string {
  return `${value}${unit}`;
}

/** ASCII digits to their full-width forms: `18.5` → `１８.５`. */
export function toFullwidth(value: number | string): string {
  return String(value).replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** Keeps the year (and any time of day) of a date text but makes the day impossible: `2025-02-30`. */
export function impossibleDate(text: string): string {
  return text.replace(/^(\d{4})-\d{2}-\d{2}/, '$1-02-30');
}

export function trailingSpaces(text: string): string {
  return `${text}  `;
}
