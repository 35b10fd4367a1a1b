/**
 * Areas and money are kept as decimals with two places (m², 元); arithmetic on them is done in whole
 * hundredths, where JavaScript integers are exact, so a sum of a thousand rooms is the sum to the cent,
 * not 4077.7800000000016. A decimal column comes from node-postgres as a string ("4077.78") and from
 * Prisma as a `Decimal`: both print the exact figure, which is what these read.
 */

/** Whole hundredths of a two-place decimal (a string, a Prisma Decimal or a number), rounded half away from zero. */
export function toHundredths(value: string | number | { toString(): string }): number {
  const n = Number(typeof value === 'number' ? value : value.toString());
  if (!Number.isFinite(n)) throw new TypeError(`not a decimal figure: ${String(value)}`);
  return Math.sign(n) * Math.round(Math.abs(n) * 100);
}

/** Hundredths back to the figure people read: 407778 → 4077.78. */
export function fromHundredths(hundredths: number): number {
  return hundredths / 100;
}

/** A figure rounded to `places` decimals for reading (m² and 元 to 2, shares to 4), half away from zero. */
export function roundTo(value: number, places: number): number {
  const scale = 10 ** places;
  return (Math.sign(value) * Math.round(Math.abs(value) * scale + 1e-9)) / scale;
}
