import { z } from 'zod';
import { ConfigError } from '@district-hub/schema';

/**
 * The entries of an options object that were actually given, so that `{ ...DEFAULTS, ...defined(input) }`
 * keeps a default where a caller passed `undefined` (an unset environment variable, say).
 */
export function defined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Options over their defaults (entries given as `undefined` keep the default), validated: a
 * `ConfigError` naming `what` and every invalid entry, e.g. "worker options are invalid: …".
 */
export function resolveOptions<T>(
  what: string,
  schema: z.ZodType<T>,
  defaults: Partial<T>,
  input: object = {},
): T {
  const parsed = schema.safeParse({ ...defaults, ...defined(input) });
  if (!parsed.success) {
    throw new ConfigError(`${what} are invalid: ${z.prettifyError(parsed.error)}`, {
      issues: parsed.error.issues,
    });
  }
  return parsed.data;
}
