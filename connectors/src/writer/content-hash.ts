import { createHash } from 'node:crypto';

/**
 * The content hash of a mapped row: SHA-1 over the JSON of the column values after references are
 * resolved (Dates as ISO-8601). Equal hashes mean nothing to write. Keys are in the order the mapping
 * module writes them, which is fixed by its code, so the hash is stable from run to run and between two
 * streams sharing a mapping (the API and the GBK export of rooms); sorting keys per row cost more than
 * the rest of the hashing. SHA-1 is a fingerprint here, not a security measure; 32 hex digits are kept.
 */
export function contentHash(fields: Record<string, unknown>): string {
  return createHash('sha1').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
}

/** Key-sorted JSON, for comparing whole source records (duplicate ids). */
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
