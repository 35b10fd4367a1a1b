import { createHash } from 'node:crypto';
import { operations } from './api/operations.ts';
import type { OperationName } from './api/operations.ts';

/**
 * The viewer's operations as trusted documents (node side, at build time). The gateway loads manifests
 * `{ "<sha256 hex of the query text>": "<query text>" }` (gateway/src/guards/trusted-documents/README.md)
 * and the viewer then sends only the hash, in the Automatic Persisted Queries wire format.
 */
export function operationHash(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

export function trustedDocumentsManifest(): Record<string, string> {
  return Object.fromEntries(Object.values(operations).map((body) => [operationHash(body), body]));
}

/** Operation name → hash, baked into the bundle so the browser needs no crypto (plain-http LAN pages have none). */
export function operationHashes(): Record<OperationName, string> {
  return Object.fromEntries(
    Object.entries(operations).map(([name, body]) => [name, operationHash(body)]),
  ) as Record<OperationName, string>;
}
