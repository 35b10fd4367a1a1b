import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { operations } from './api/operations.ts';

/** Node-side helper (never bundled): builds the viewer for the gateway to serve at /twin. */
const root = join(import.meta.dirname, '..');
export const viewerDist = join(root, 'dist');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * The operations the viewer sends, in Apollo's persisted-query manifest format (id = SHA-256 of the
 * exact body), so the gateway can accept them as trusted documents and refuse anything else.
 */
export function trustedDocumentsManifest(): {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name: string; type: string; body: string }[];
} {
  return {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: Object.entries(operations).map(([name, body]) => ({
      id: createHash('sha256').update(body).digest('hex'),
      name,
      type: /^\s*(query|mutation|subscription)/.exec(body)?.[1] ?? 'query',
      body,
    })),
  };
}

/** Builds into `twin-viewer/dist` (with `trusted-documents.json`) unless the build is newer than every source. */
export async function buildViewer(
  options: { force?: boolean } = {},
): Promise<{ dist: string; built: boolean }> {
  const index = join(viewerDist, 'index.html');
  const sources = Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'index.html')));
  if (!options.force && existsSync(index) && statSync(index).mtimeMs > sources)
    return { dist: viewerDist, built: false };
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(
    join(viewerDist, 'trusted-documents.json'),
    JSON.stringify(trustedDocumentsManifest(), null, 2),
  );
  return { dist: viewerDist, built: true };
}

if (process.argv[1] === import.meta.filename) {
  const { dist, built } = await buildViewer({ force: process.argv.includes('--force') });
  console.log(built ? `twin viewer built into ${dist}` : `twin viewer up to date in ${dist}`);
}
