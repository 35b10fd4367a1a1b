import { ConfigError } from '../errors/index.ts';
import type { HubEventName } from './event-map.ts';

/** Default prefix of every topic; tests pass `test-<uuid>` so parallel runs never hear each other. */
export const DEFAULT_TOPIC_PREFIX = 'hub';

/**
 * The one place topic names are built. Every replica of every process must agree on these strings,
 * so nobody else concatenates them.
 */
export function topicFor(prefix: string, name: HubEventName): string {
  return `${prefix}:event:${name}`;
}

export function validatePrefix(prefix: string): string {
  if (!/^[\w.-]+$/.test(prefix)) {
    throw new ConfigError(`event topic prefix must be letters, digits, '.', '_' or '-'; got "${prefix}"`, {
      prefix,
    });
  }
  return prefix;
}
