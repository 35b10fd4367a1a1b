import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Each package keeps its benchmarks in <package>/bench/main.ts and prints its own ratios against a
// baseline measured in the same run; this runs them one after another so they do not share the cores.
const packages = ['connectors', 'jobs', 'gateway', 'twin-viewer'];
// The gateway is measured as `npm start` runs it (package.json "start"): with a young generation of
// 32 MB semi-spaces, sized for GraphQL's short-lived per-request objects. Its benchmark prints the flags.
const nodeFlags: Record<string, string[]> = { gateway: ['--max-semi-space-size=32'] };
const only = process.argv.slice(2);
let failed = 0;
for (const name of packages) {
  if (only.length > 0 && !only.includes(name)) continue;
  const entry = `${name}/bench/main.ts`;
  if (!existsSync(entry)) continue;
  console.log(`\n=== ${name} (npm run bench -- ${name}) ===`);
  const result = spawnSync(process.execPath, [...(nodeFlags[name] ?? []), '--import', 'tsx', entry], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
