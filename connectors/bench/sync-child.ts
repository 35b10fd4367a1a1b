/**
 * One measured sync in a process of its own, so its peak RSS is the connector's alone (the simulators
 * and their ×10 district live in the parent). Input: a JSON argument; output: one JSON line.
 */
import { loadHubConfig } from '../src/config/load-config.ts';
import { runSync } from '../src/sync/run-sync.ts';

interface ChildInput {
  databaseUrl: string;
  env: Record<string, string>;
  source: string;
  streams?: string[];
  full?: boolean;
  batchSize?: number;
  /** MQTT: listen for this long in follow mode, then stop. */
  followMs?: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as ChildInput;
const config = loadHubConfig(undefined, { ...process.env, ...input.env });
if (input.batchSize) config.sources[input.source]!.batchSize = input.batchSize;
let peak = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  if (process.env.BENCH_TRACE_MEMORY && Math.random() < 0.05)
    console.error(
      `rss ${(m.rss / 2 ** 20).toFixed(0)} MB, heap ${(m.heapUsed / 2 ** 20).toFixed(0)}/${(m.heapTotal / 2 ** 20).toFixed(0)} MB`,
    );
}, 20);
const controller = new AbortController();
if (input.followMs) setTimeout(() => controller.abort(), input.followMs);
const started = performance.now();
const summary = await runSync({
  databaseUrl: input.databaseUrl,
  config,
  source: input.source,
  streams: input.streams,
  full: input.full,
  // MQTT throughput is measured on the source's live connector, followed as a worker follows it.
  follow: input.followMs
    ? { connector: config.sources[input.source]!.connectors.findIndex((c) => c.live) }
    : undefined,
  signal: controller.signal,
  trigger: 'bench',
});
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
process.stdout.write(`${JSON.stringify({ summary, seconds, peakRssMb: peak / 2 ** 20 })}\n`);
process.exit(0);
