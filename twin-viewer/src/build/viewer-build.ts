import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the viewer's build lives and whether it is current, for the process that serves it. Nothing
 * here imports Vite or the code generator: a hub whose build is current never loads either, and one
 * whose build is stale runs `build-viewer.ts` as a child process (Vite is a devDependency).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
export const viewerDist = join(root, 'dist');
/** Folder holding only `twin-viewer.json`, the trusted-documents manifest; pass it in the gateway's `trustedDocumentsDirs`. */
export const viewerTrustedDocumentsDir = join(viewerDist, 'trusted-documents');
/** Written last by a build, so its time is the build's. */
export const viewerManifest = join(viewerTrustedDocumentsDir, 'twin-viewer.json');

/** What a build is made of: the viewer's sources and configs, and the hub's committed SDL its types come from. */
const BUILD_INPUTS = ['src', 'index.html', 'vite.config.ts', 'codegen.ts', '../schema/schema.graphql'].map(
  (path) => join(root, path),
);

function newestFile(path: string): { path: string; mtimeMs: number } {
  const stat = statSync(path);
  if (!stat.isDirectory()) return { path, mtimeMs: stat.mtimeMs };
  return (
    readdirSync(path)
      .map((name) => newestFile(join(path, name)))
      // A folder's own time changes when an entry is added or removed; on a tie the entry is the news.
      .reduce((newest, file) => (file.mtimeMs >= newest.mtimeMs ? file : newest), {
        path,
        mtimeMs: stat.mtimeMs,
      })
  );
}

/** Why the build whose manifest is `manifest` is older than `inputs`, or null when it is not. */
export function staleBuild(manifest: string, inputs: readonly string[]): string | null {
  if (!existsSync(manifest)) return `no build in ${relative(join(root, '..'), dirname(dirname(manifest)))}`;
  const built = statSync(manifest).mtimeMs;
  const newest = inputs.map(newestFile).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  return newest.mtimeMs > built
    ? `${relative(join(root, '..'), newest.path)} changed since the last build`
    : null;
}

/** Why the build in `dist/` cannot be served as it is, or null when it is current. */
export function staleViewerBuild(): string | null {
  return staleBuild(viewerManifest, BUILD_INPUTS);
}

export class ViewerBuildError extends Error {
  override readonly name = 'ViewerBuildError';
}

/**
 * Builds the viewer (`npm run build`'s work, in a child process) when `dist/` is missing or older than
 * any input, and says why in one line; returns at once when it is current.
 */
export async function ensureViewerBuilt(
  options: { log?: (line: string) => void } = {},
): Promise<{ dist: string; built: boolean }> {
  const reason = staleViewerBuild();
  if (reason === null) return { dist: viewerDist, built: false };
  options.log?.(`  building the twin viewer (${reason})…`);
  const script = fileURLToPath(new URL('./build-viewer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0)
    throw new ViewerBuildError(
      `the twin viewer's build failed (exit ${code}):\n${output.trim().slice(-4000)}`,
    );
  return { dist: viewerDist, built: true };
}
