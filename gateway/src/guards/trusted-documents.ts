import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@district-hub/schema';

/**
 * Trusted documents: operations a first-party client (the twin viewer) ships, registered ahead of time
 * as JSON manifests `{ "<sha256 hex of the query text>": "<query text>" }` in a folder. The viewer's
 * build writes its manifest there; at run time it sends only the hash (the APQ wire format,
 * `extensions.persistedQuery.sha256Hash`), so its requests are small and its documents are known.
 * Every hash is checked against its text at load, so a stale manifest fails loudly at start.
 */
export function loadTrustedDocuments(dirs: readonly string[]): Map<string, string> {
  const documents = new Map<string, string>();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      const path = join(dir, file);
      let manifest: unknown;
      try {
        manifest = JSON.parse(readFileSync(path, 'utf8'));
      } catch (cause) {
        throw new ConfigError(`trusted-documents manifest ${path} is not valid JSON`, {
          path,
          cause: String(cause),
        });
      }
      if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
        throw new ConfigError(`trusted-documents manifest ${path} must be an object of hash → query`, {
          path,
        });
      }
      for (const [hash, query] of Object.entries(manifest)) {
        if (typeof query !== 'string' || sha256(query) !== hash.toLowerCase()) {
          throw new ConfigError(
            `trusted document ${hash} in ${path} does not match the SHA-256 of its query`,
            {
              path,
              hash,
            },
          );
        }
        documents.set(hash.toLowerCase(), query);
      }
    }
  }
  return documents;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
