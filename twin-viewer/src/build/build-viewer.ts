import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { generatedGraphqlFiles } from './generated-graphql.ts';
import { viewerDist } from './viewer-build.ts';

/**
 * `npm run build` (also run by `npm install`, and by `npm start` when the build is stale): generates the
 * GraphQL types and trusted documents from the committed SDL, bundles the page with Vite, and adds the
 * trusted-documents manifest the gateway loads, `dist/trusted-documents/twin-viewer.json`, taken from the
 * same generated documents as the bundle's hashes.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Writes the generated files that differ from what is on disk; returns the persisted documents. */
async function writeGeneratedGraphql(): Promise<string> {
  let manifest: string | undefined;
  for (const [path, content] of await generatedGraphqlFiles()) {
    if (path.endsWith('persisted-documents.json')) manifest = content;
    if (existsSync(path) && readFileSync(path, 'utf8') === content) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  if (manifest === undefined) throw new Error('codegen wrote no persisted-documents.json (codegen.ts)');
  return manifest;
}

/**
 * Puts a finished build in place of `dist/` with renames, so a hub serving `dist/` never sees half a
 * build, and two builds racing (two hubs started at once on a stale checkout) both end with a whole one.
 */
function replaceDist(staging: string): void {
  for (;;) {
    try {
      renameSync(staging, viewerDist);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
    const old = `${staging}-old`;
    try {
      renameSync(viewerDist, old);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    rmSync(old, { recursive: true, force: true });
  }
}

export async function buildViewer(): Promise<{ dist: string }> {
  const manifest = await writeGeneratedGraphql();
  // Inside the viewer's folder, so Vite empties it as its own (and .gitignore keeps it out).
  const staging = join(root, `.dist-${randomUUID()}`);
  try {
    await build({
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
    mkdirSync(join(staging, 'trusted-documents'));
    writeFileSync(join(staging, 'trusted-documents', 'twin-viewer.json'), manifest);
    replaceDist(staging);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { dist: viewerDist };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { dist } = await buildViewer();
  console.log(`twin viewer built into ${dist}`);
}
