import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { ConfigError } from '@district-hub/schema';
import { formatZodIssues } from '../sdk/zod-issues.ts';
import { connectorFor } from '../kinds/registry.ts';
import { findMapping } from '../mappings/registry.ts';
import {
  hubConfigSchema,
  type HubConfig,
  type ResolvedConnector,
  type ResolvedStream,
  type SourceConfig,
} from './hub-config.ts';
import { interpolateEnv } from './interpolate-env.ts';

/** The repository root (where hub.config.yaml lives by default). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** `HUB_CONFIG` if set, else `hub.config.yaml` at the repository root. */
export function defaultConfigPath(env: Record<string, string | undefined> = process.env): string {
  return env.HUB_CONFIG ? resolve(env.HUB_CONFIG) : resolve(REPO_ROOT, 'hub.config.yaml');
}

/** Kinds whose connection names folders; relative folders are taken from the config file's folder. */
const PATH_KEYS = ['inbox', 'archive'];

const DEFAULT_BATCH_SIZE = 2000;
/** Default share of a stream's rows a full sync may soft-delete (see `sourceEntrySchema`). */
const DEFAULT_MAX_DELETE_SHARE = 0.2;

/**
 * Reads, interpolates and validates hub.config.yaml at start. Every error names the file, the path in
 * it and what was expected, e.g.
 * `hub.config.yaml: sources.office-space.connectors[0].streams[1].paging.type: Invalid option: expected one of "page"|"offset"|"cursor"|"link"|"none"`.
 */
export function loadHubConfig(
  file: string = defaultConfigPath(),
  env: Record<string, string | undefined> = process.env,
): HubConfig {
  const absolute = resolve(file);
  const shown = relative(process.cwd(), absolute) || absolute;
  if (!existsSync(absolute)) throw new ConfigError(`${shown}: file not found`, { file: absolute });
  return parseHubConfig(readFileSync(absolute, 'utf8'), absolute, env, shown);
}

export function parseHubConfig(
  text: string,
  file: string,
  env: Record<string, string | undefined> = process.env,
  shown = file,
): HubConfig {
  const doc = parseDocument(text, { prettyErrors: true, merge: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const where = e.linePos?.[0] ? `:${e.linePos[0].line}:${e.linePos[0].col}` : '';
    throw new ConfigError(
      `${shown}${where}: not valid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      { file },
    );
  }
  const interpolated = interpolateEnv(doc.toJS(), env, shown);
  const parsed = hubConfigSchema.safeParse(interpolated);
  if (!parsed.success) throw new ConfigError(`${shown}: ${formatZodIssues(parsed.error.issues)}`, { file });

  const baseDir = dirname(file);
  const sources: Record<string, SourceConfig> = {};
  for (const [name, entry] of Object.entries(parsed.data.sources)) {
    const streamNames = new Set<string>();
    const connectors: ResolvedConnector[] = entry.connectors.map((raw, index) => {
      const path = `sources.${name}.connectors[${index}]`;
      const connection = { ...raw.connection };
      for (const key of PATH_KEYS) {
        const value = connection[key];
        if (typeof value === 'string' && !isAbsolute(value)) connection[key] = resolve(baseDir, value);
      }
      if (raw.live && raw.kind !== 'mqtt') {
        throw new ConfigError(
          `${shown}: ${path}.live: only mqtt connectors can be live (followed continuously); a ${raw.kind} connector is read by the scheduled runs`,
          { file },
        );
      }
      const kind = connectorFor(raw.kind);
      const config = kind.parseConfig(
        { connection, streams: raw.streams },
        `${shown}: ${path}`,
      ) as ResolvedConnector['config'];
      config.streams.forEach((stream: ResolvedStream & { reconcile?: boolean }, i) => {
        const where = `${shown}: ${path}.streams[${i}]`;
        if (streamNames.has(stream.name)) {
          throw new ConfigError(`${where}.name: stream "${stream.name}" appears twice in source ${name}`, {
            file,
          });
        }
        streamNames.add(stream.name);
        if (!findMapping(stream.mapping)) {
          throw new ConfigError(
            `${where}.mapping: no mapping module named "${stream.mapping}" (see connectors/src/mappings/registry.ts)`,
            {
              file,
            },
          );
        }
        // Sources that list everything (rest, sql) reconcile deletes on full syncs; an inbox file or a
        // telemetry stream is a partial view and never does, unless the config says so.
        stream.reconcile = stream.reconcile ?? (raw.kind === 'rest' || raw.kind === 'sql');
      });
      return { kind: raw.kind, config, path, index, live: raw.live };
    });
    sources[name] = {
      name,
      displayName: entry.displayName,
      enabled: entry.enabled,
      timeZone: entry.timeZone ?? parsed.data.timeZone,
      schedule: entry.schedule,
      fullSchedule: entry.fullSchedule,
      batchSize: entry.batchSize ?? DEFAULT_BATCH_SIZE,
      maxDeleteShare: entry.maxDeleteShare ?? DEFAULT_MAX_DELETE_SHARE,
      connectors,
    };
  }
  return { file, timeZone: parsed.data.timeZone, sources };
}

/** The named source, or a ConfigError listing the names the file has. */
export function getSource(config: HubConfig, name: string): SourceConfig {
  const source = config.sources[name];
  if (!source) {
    throw new ConfigError(
      `${config.file}: sources: no source named "${name}"; the file lists ${Object.keys(config.sources).join(', ') || 'none'}`,
      { file: config.file, source: name },
    );
  }
  return source;
}

/** Parses `30s`, `5m`, `1h`, `250ms` into milliseconds. */
export function durationMs(value: string): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(value);
  if (!m) throw new ConfigError(`"${value}" is not a duration`, { value });
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
}
