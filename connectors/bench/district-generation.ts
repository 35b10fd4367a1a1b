/**
 * Generation time and memory of the simulators' district (issue 3: "generating the default district
 * takes under a few seconds and ×10 stays within memory a laptop has").
 *
 *   node --import tsx connectors/bench/district-generation.ts [scales…]    (default: 1 10 100)
 *
 * Each scale runs in a fresh child process so its memory is its own: wall time of `generateDistrict`,
 * retained heap after a full GC, and the process's peak resident set.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateDistrict } from '@district-hub/simulators';

const self = fileURLToPath(import.meta.url);
const MiB = 1024 * 1024;

if (process.argv[2] === '--child') {
  const scale = Number(process.argv[3]);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const d = generateDistrict({ scale });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  gc?.();
  const heap = process.memoryUsage().heapUsed - before;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({
      scale,
      ms: Math.round(ms),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      heapMiB: Math.round(heap / MiB),
      peakRssMiB: Math.round(peakRss / MiB),
      counts: {
        buildings: d.buildings.length,
        rooms: d.rooms.length,
        devices: d.devices.length,
        assets: d.assets.length,
      },
    }),
  );
} else {
  const scales = process.argv.slice(2).map(Number);
  // Wall time depends on what else the machine runs; CPU time is the generator's own.
  console.log('scale | wall | CPU | retained heap | peak RSS | buildings / rooms / devices / assets');
  for (const scale of scales.length ? scales : [1, 10, 100]) {
    const r = spawnSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', self, '--child', String(scale)],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) {
      console.log(`×${scale}: failed\n${r.stderr}`);
      continue;
    }
    const x = JSON.parse(r.stdout.trim().split('\n').pop() as string);
    console.log(
      `×${x.scale} | ${(x.ms / 1000).toFixed(2)} s | ${(x.cpuMs / 1000).toFixed(2)} s | ${x.heapMiB} MiB | ${x.peakRssMiB} MiB | ` +
        `${x.counts.buildings} / ${x.counts.rooms} / ${x.counts.devices} / ${x.counts.assets}`,
    );
  }
}
