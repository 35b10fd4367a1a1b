/**
 * Seeded pseudo-random numbers for the district generator: same seed, same numbers, on every machine.
 *
 * sfc32 (Chris Doty-Humphrey's "small fast chaotic" generator, from PractRand) seeded through cyrb128,
 * a 128-bit string hash; both are public-domain one-screen algorithms, chosen over `Math.random` because
 * that cannot be seeded. Only 32-bit integer arithmetic (`| 0`, `>>> 0`, `Math.imul`), so the sequence is
 * exact on every JavaScript engine.
 *
 * `fork(label)` derives an independent stream from the parent's seed and a label, so each domain of the
 * district (rooms, vehicles, …) draws from its own stream: adding a vehicle never shifts a room's area.
 */

/** cyrb128: four 32-bit words of a string hash, used as the sfc32 state. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(seed);
    // Discard the first outputs: sfc32 mixes a weak state in a dozen rounds.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** An independent stream for a sub-domain, e.g. `rng.fork('vehicles')` or `rng.fork(\`trip:${id}\`)`. */
  fork(label: string | number): Rng {
    return new Rng(`${this.seed}/${label}`);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight: `weighted([['BEV', 25], ['ICE', 60]])`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  }

  /**
   * Picks an index by weight from a cumulative table (`cumulative(weights)`): O(log n) per draw, for
   * drawing many times from a long list (vehicles over thousands of agencies).
   */
  weightedIndex(cumulativeWeights: readonly number[]): number {
    const total = cumulativeWeights[cumulativeWeights.length - 1] ?? 0;
    const r = this.next() * total;
    let lo = 0;
    let hi = cumulativeWeights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulativeWeights[mid] as number) <= r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Normal deviate (Box–Muller), clamped to ±4σ so a rare draw cannot produce an absurd value. */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return mean + sd * Math.max(-4, Math.min(4, z));
  }

  /** Fisher–Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

/** Running sums of weights, for `Rng.weightedIndex`. */
export function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

/** Rounds to `digits` decimals, so generated quantities print the way a ledger holds them. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
