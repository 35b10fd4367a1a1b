import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { buildViewer } from '../src/build-viewer.ts';
import { launchChromium } from '../tools/chromium.ts';
import { serveStatic } from '../tools/static-server.ts';
import { fixtureTwin } from './fixture-district.ts';
import type { BenchResult } from './bench-page.ts';

/**
 * The viewer's benchmark, in headless Chromium (software WebGL, so absolute times are slow; the ratio
 * against a bare instanced scene measured in the same run is what carries over to real GPUs).
 * Targets: frame time within 1.5× of the bare scene, fewer than 100 draw calls at ×10.
 */
const FRAMES = 20;
const here = import.meta.dirname;

const { dist } = await buildViewer({ force: true });
const jsFiles = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const gzipBytes = jsFiles.reduce(
  (sum, f) => sum + gzipSync(readFileSync(join(dist, 'assets', f)), { level: 9 }).length,
  0,
);

const out = mkdtempSync(join(tmpdir(), 'twin-bench-'));
await build({
  configFile: false,
  root: here,
  base: './',
  logLevel: 'warn',
  build: { outDir: out, emptyOutDir: true },
});
for (const scale of [1, 10])
  writeFileSync(join(out, `district-x${scale}.json`), JSON.stringify(fixtureTwin(scale)));

const server = await serveStatic(out);
const browser = await launchChromium();
const rows: string[] = [];
let failed = false;
try {
  for (const scale of [1, 10]) {
    const twinPage = await browser.context.newPage();
    await twinPage.goto(server.url);
    const twin = await twinPage.evaluate(
      ([url, frames]) =>
        (window as unknown as { benchTwin(u: string, f: number): Promise<BenchResult> }).benchTwin(
          url,
          frames,
        ),
      [`district-x${scale}.json`, FRAMES] as const,
    );
    await twinPage.close();
    const extent = scale === 1 ? 1200 : 3800;
    const barePage = await browser.context.newPage();
    await barePage.goto(server.url);
    const bare = await barePage.evaluate(
      ([instances, size, frames]) =>
        (window as unknown as { benchBare(i: number, e: number, f: number): Promise<BenchResult> }).benchBare(
          instances,
          size,
          frames,
        ),
      [twin.instances, extent, FRAMES] as const,
    );
    await barePage.close();
    const ratio = twin.frameMs / bare.frameMs;
    if (ratio > 1.5 || (scale === 10 && twin.drawCalls >= 100)) failed = true;
    rows.push(
      `×${scale}: ${twin.instances} instances · first frame ${twin.firstFrameMs.toFixed(0)} ms (bare ${bare.firstFrameMs.toFixed(0)} ms) · ` +
        `frame ${twin.frameMs.toFixed(1)} ms vs bare ${bare.frameMs.toFixed(1)} ms = ${ratio.toFixed(2)}× (target ≤ 1.5×) · ` +
        `draw calls ${twin.drawCalls} (bare ${bare.drawCalls}; target < 100)`,
    );
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(out, { recursive: true, force: true });
}
for (const row of rows) console.log(row);
console.log(
  `built JavaScript: ${(gzipBytes / 1024).toFixed(1)} kB gzipped (${jsFiles.length} file${jsFiles.length === 1 ? '' : 's'})`,
);
if (failed) {
  console.log('twin-viewer bench: a target was missed');
  process.exitCode = 1;
}
