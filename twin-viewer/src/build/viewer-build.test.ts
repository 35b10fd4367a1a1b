import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleBuild } from './viewer-build.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A viewer-like folder: a source tree, a config and an SDL, each written (with its folders) at a given time (s). */
function checkout(): { write(path: string, at: number): string; manifest: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'viewer-build-'));
  folders.push(root);
  const write = (path: string, at: number) => {
    const file = join(root, path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, path);
    for (let entry = file; entry !== root; entry = join(entry, '..')) utimesSync(entry, at, at);
    return file;
  };
  return { write, manifest: join(root, 'dist', 'trusted-documents', 'twin-viewer.json'), root };
}

describe('whether npm start must build the viewer', () => {
  it('builds when there is no build', () => {
    const { write, manifest } = checkout();
    const inputs = [write('src/main.ts', 1000)];
    expect(staleBuild(manifest, inputs)).toMatch(/^no build in /);
  });

  it('serves a build newer than every source, config and the SDL as it is', () => {
    const { write, manifest, root } = checkout();
    const inputs = [
      write('src/api/paging.ts', 1000),
      write('codegen.ts', 1000),
      write('schema.graphql', 1000),
    ];
    write('dist/trusted-documents/twin-viewer.json', 2000);
    expect(staleBuild(manifest, [join(root, 'src'), ...inputs.slice(1)])).toBeNull();
  });

  it('builds again when a source deep in the tree, or the SDL, changed after the build', () => {
    const { write, manifest, root } = checkout();
    write('dist/trusted-documents/twin-viewer.json', 2000);
    const sdl = write('schema.graphql', 1000);
    write('src/scene/room-layer.ts', 3000);
    expect(staleBuild(manifest, [join(root, 'src'), sdl])).toMatch(
      /room-layer\.ts changed since the last build$/,
    );
    write('src/scene/room-layer.ts', 1000);
    write('schema.graphql', 3000);
    expect(staleBuild(manifest, [join(root, 'src'), sdl])).toMatch(
      /schema\.graphql changed since the last build$/,
    );
  });
});
