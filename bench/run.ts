import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Each package keeps its benchmarks in <package>/bench/main.ts and prints its own ratios against a
// baseline measured in the same run; this runs them one after another so they do not share the cores.
const packages = ['connectors', 'jobs', 'gateway', 'twin-viewer'];
const only = process.argv.slice(2);
let failed = 0;
for (const name of packages) {
  if (only.length > 0 && !only.includes(name)) continue;
  const entry = `${name}/bench/main.ts`;
  if (!existsSync(entry)) continue;
  console.log(`\n=== ${name} (npm run bench -- ${name}) ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
