import { ConfigError } from '@district-hub/schema';
import { formatPath } from '../sdk/zod-issues.ts';

const PATTERN = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * `${NAME}` and `${NAME:-default}` in string values of the config, replaced from the environment;
 * `$${` writes a literal `${`. Secrets (tokens, passwords) stay out of the file this way. A variable
 * that is unset and has no default is an error naming the file, the path and the variable.
 */
export function interpolateEnv(
  value: unknown,
  env: Record<string, string | undefined>,
  file: string,
  path: (string | number)[] = [],
): unknown {
  if (typeof value === 'string') {
    return value.replace(PATTERN, (match, name: string | undefined, fallback: string | undefined) => {
      if (match === '$${') return '${';
      const found = env[name!];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      throw new ConfigError(
        `${file}: ${formatPath(path) || '(root)'}: environment variable ${name} is not set (referenced as ${match}); set it or write \${${name}:-default}`,
        { file, path: formatPath(path), variable: name },
      );
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, file, [...path, i]));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateEnv(v, env, file, [...path, k]);
    return out;
  }
  return value;
}
