import { createHash } from 'node:crypto';

/** `source` of the rows the hub originates itself (work orders and transfers raised through the API). */
export const HUB_SOURCE = 'hub';

/**
 * The content hash of a hub row: SHA-1 over the JSON of its column values (Dates as ISO-8601), 32 hex
 * digits kept. Equal hashes mean nothing to write. Keys hash in the order the caller writes them, which
 * its code fixes, so the hash is stable from run to run; sorting keys per row cost the sync writer more
 * than the rest of the hashing. A fingerprint, not a security measure. Every writer of `contentHash`
 * (the sync writer, the alert lifecycle, the API's own rows) uses this one.
 */
export function contentHash(fields: Record<string, unknown>): string {
  return createHash('sha1').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
}
