/**
 * `npm run bench -- jobs`: what the queue costs a sync, and how fast an alert follows a reading.
 *
 * 1. Every configured source synced once at ×BENCH_SCALE (default 10) into a fresh hub database, all
 *    sources at once: calling the sync handler (the connectors' `runSync`) directly, then through the
 *    queue on Redis and on BullMQ's PostgreSQL backend, BENCH_ROUNDS times (default 3) in rotating order;
 *    medians, and the queue's overhead against the direct run of the same round set. Target: under 10%.
 *    On a shared machine one ×10 sync varies by more than the queue costs, so the fixed cost of a run in
 *    the queue is also measured alone (a no-op handler, 100 runs) and shown against the direct median.
 * 2. Latency from an MQTT publish to the `alertChanged` event, BENCH_ALERT_SAMPLES times (default 200)
 *    per backend: p50 and p99. Target: p99 under 500 ms.
 * A benchmark, not a test: it prints figures and fails only when a run fails.
 */
import { startBenchSources } from './bench-sources.ts';
import { timeSyncOfEverySource, type SyncPath } from './sync-overhead.ts';
import { measureAlertLatency } from './alert-latency.ts';
import { measureQueueRoundTrip } from './queue-round-trip.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ALERT_SAMPLES = Number(process.env.BENCH_ALERT_SAMPLES ?? 200);
const PATHS: SyncPath[] = ['direct', 'redis', 'postgres'];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

console.log(
  `jobs bench: every source at ×${SCALE}, ${ROUNDS} rounds; alert latency over ${ALERT_SAMPLES} readings`,
);
const sources = await startBenchSources(SCALE);
try {
  // One untimed run warms the simulators, the JIT and PostgreSQL's caches for every path alike.
  await timeSyncOfEverySource(sources, 'direct');
  const seconds = new Map<SyncPath, number[]>(PATHS.map((path) => [path, []]));
  const written = new Map<SyncPath, number[]>(PATHS.map((path) => [path, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const path of [...PATHS.slice(round % PATHS.length), ...PATHS.slice(0, round % PATHS.length)]) {
      const result = await timeSyncOfEverySource(sources, path);
      seconds.get(path)!.push(result.seconds);
      written.get(path)!.push(result.written);
      console.log(
        `  round ${round + 1} ${path}: ${result.seconds.toFixed(2)} s, ${result.written} rows written`,
      );
    }
  }
  const direct = median(seconds.get('direct')!);
  console.log('\nsync of every source    median s   min s   max s   rows written   vs direct');
  for (const path of PATHS) {
    const times = seconds.get(path)!;
    const overhead = path === 'direct' ? '–' : `${(((median(times) - direct) / direct) * 100).toFixed(1)}%`;
    const label = path === 'direct' ? 'direct (handler call)' : `queue on ${path}`;
    console.log(
      `${label.padEnd(22)}  ${median(times).toFixed(2).padStart(8)}  ${Math.min(...times)
        .toFixed(2)
        .padStart(6)}  ${Math.max(...times)
        .toFixed(2)
        .padStart(6)}  ${String(median(written.get(path)!)).padStart(13)}  ${overhead.padStart(9)}`,
    );
  }
  console.log('target: queue overhead under 10%');

  console.log(
    '\nqueue cost of one run alone (no-op handler)   p50 ms   p99 ms   p50 as % of a direct ×' +
      SCALE +
      ' sync',
  );
  for (const kind of ['redis', 'postgres'] as const) {
    const trips = await measureQueueRoundTrip(kind, 100);
    console.log(
      `queue on ${kind.padEnd(36)}  ${percentile(trips, 50).toFixed(1).padStart(6)}  ${percentile(trips, 99).toFixed(1).padStart(7)}  ${((percentile(trips, 50) / 1000 / direct) * 100).toFixed(3).padStart(8)}%`,
    );
  }

  console.log('\nMQTT publish → alertChanged     p50 ms   p99 ms   max ms');
  for (const kind of ['redis', 'postgres'] as const) {
    const latencies = await measureAlertLatency(sources, kind, ALERT_SAMPLES);
    const label = kind === 'redis' ? 'Redis queue, Redis pub/sub' : 'PostgreSQL queue, in-process';
    console.log(
      `${label.padEnd(30)}  ${percentile(latencies, 50).toFixed(0).padStart(6)}  ${percentile(latencies, 99).toFixed(0).padStart(7)}  ${Math.max(
        ...latencies,
      )
        .toFixed(0)
        .padStart(7)}`,
    );
  }
  console.log('target: p99 under 500 ms');
} finally {
  await sources.stop();
}
process.exit(0);
