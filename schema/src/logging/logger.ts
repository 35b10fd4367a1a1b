import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The parts of a hub process; each logs through a child logger whose lines carry its name as `component`. */
export type LogComponent =
  | 'gateway'
  | 'jobs'
  | 'live'
  | 'sync'
  | 'events'
  | 'database'
  | 'simulators'
  | 'rollups'
  | 'alerts'
  | 'viewer';

export interface LoggerOptions {
  /** Lowest level written; default `info`. */
  level?: LogLevel;
  /**
   * Readable lines for a person (pino-pretty, coloured when the terminal supports it) instead of one
   * JSON object a line; default: pretty when stdout is a terminal, JSON when it is a pipe or a file.
   */
  pretty?: boolean;
  /** Where the lines go; default stdout. Tests pass a stream of their own to read what was logged. */
  destination?: DestinationStream;
}

/**
 * The one logger factory of the hub; a process calls it once and hands `componentLogger` children to
 * its parts. Both outputs are written synchronously on the calling thread, not through a transport's
 * worker thread: a line is out before `log.error(…)` returns, so the last lines before `process.exit`
 * or a crash are never lost in a buffer, and a hub logs far too little for the blocking write to
 * matter. pino's own default (a synchronous SonicBoom on fd 1) writes the JSON.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  if (!(options.pretty ?? process.stdout.isTTY === true)) {
    return pino({ level }, options.destination ?? pino.destination({ dest: 1, sync: true }));
  }
  const stream = pretty({
    destination: options.destination ?? 1,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    // One line an event: the component leads the message and the other fields follow it on the same
    // line; only an error's stack takes the lines below.
    singleLine: true,
    ignore: 'pid,hostname,component',
    messageFormat: '{if component}[{component}] {end}{msg}',
  });
  return pino({ level }, stream);
}

/** The logger of one part of the process: its lines carry `component`, so they can be told apart and filtered. */
export function componentLogger(parent: Logger, component: LogComponent): Logger {
  return parent.child({ component });
}

/** A logger that writes nothing: the default of a part whose caller hands it none (tests, tools). */
export const silentLogger: Logger = pino({ level: 'silent' }, { write: () => undefined });
