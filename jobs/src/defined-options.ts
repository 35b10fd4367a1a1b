/**
 * The entries of an options object that were actually given, so that `{ ...DEFAULTS, ...defined(input) }`
 * keeps a default where a caller passed `undefined` (an unset environment variable, say).
 */
export function defined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}
