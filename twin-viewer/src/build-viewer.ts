import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { trustedDocumentsManifest } from './trusted-documents.ts';

/** Node-side helper (never bundled): builds the viewer for the gateway to serve at /twin. */
const root = join(import.meta.dirname, '..');
export const viewerDist = join(root, 'dist');
/** Folder holding only `twin-viewer.json`, the trusted-documents manifest; pass it in the gateway's `trustedDocumentsDirs`. */
export const viewerTrustedDocumentsDir = join(viewerDist, 'trusted-documents');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds into `twin-viewer/dist` (with `trusted-documents/twin-viewer.json`) unless the build is newer than every source. */
export async function buildViewer(
  options: { force?: boolean } = {},
): Promise<{ dist: string; built: boolean }> {
  const index = join(viewerDist, 'index.html');
  const sources = Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'index.html')));
  if (!options.force && existsSync(index) && statSync(index).mtimeMs > sources)
    return { dist: viewerDist, built: false };
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  mkdirSync(viewerTrustedDocumentsDir, { recursive: true });
  writeFileSync(
    join(viewerTrustedDocumentsDir, 'twin-viewer.json'),
    JSON.stringify(trustedDocumentsManifest(), null, 2),
  );
  return { dist: viewerDist, built: true };
}

if (process.argv[1] === import.meta.filename) {
  const { dist, built } = await buildViewer({ force: process.argv.includes('--force') });
  console.log(built ? `twin viewer built into ${dist}` : `twin viewer up to date in ${dist}`);
}
