import { createHash } from 'node:crypto';

/**
 * The content hash of a mapped row: SHA-1 over a canonical JSON (keys sorted, Dates as ISO-8601,
 * undefined as null) of the column values after references are resolved. Equal hashes mean nothing
 * to write. SHA-1 is used as a fingerprint, not for security; 32 hex characters are kept.
 */
export function contentHash(fields: Record<string, unknown>): string {
  return createHash('sha1').update(canonicalJson(fields)).digest('hex').slice(0, 32);
}

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value as object).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}
