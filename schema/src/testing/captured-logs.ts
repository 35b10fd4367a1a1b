import { createLogger, type Logger, type LogLevel } from '../logging/logger.ts';

/** One JSON line of a hub logger, as pino writes it. */
export interface LogLine {
  /** pino's numbers: 30 info, 40 warn, 50 error, 60 fatal. */
  level: number;
  msg: string;
  component?: string;
  err?: { type: string; message: string; stack: string; code?: string };
  [field: string]: unknown;
}

/** A hub logger (JSON, as a service manager would get it) whose lines a test reads back, parsed. */
export function captureLogs(level: LogLevel = 'info'): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger({
    level,
    pretty: false,
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  });
  return { logger, lines };
}
