import { z } from 'zod';

/**
 * The shape of hub.config.yaml outside the connectors' own sections (each kind validates its
 * `connection` and `streams` with its `spec`). One file lists the sources: kind, connection, streams,
 * mapping, schedule. Endpoints come only from here, never from an API argument.
 */
const duration = z.string().regex(/^\d+(ms|s|m|h)$/, 'expected a duration such as 30s, 5m or 1h');

export const scheduleSchema = z.union([
  z.object({ every: duration }).strict(),
  z.object({ cron: z.string().min(9, 'expected a cron pattern such as "0 */15 * * * *"') }).strict(),
]);

export const connectorEntrySchema = z
  .object({
    kind: z.enum(['rest', 'sql', 'file', 'mqtt']),
    /**
     * Followed without pause by a worker (role all|worker) instead of read by the scheduled batch runs,
     * so what it publishes reaches the hub within about a second. Only the mqtt kind can be live.
     */
    live: z.boolean().default(false),
    connection: z.record(z.string(), z.unknown()),
    streams: z.array(z.record(z.string(), z.unknown())).min(1, 'expected at least one stream'),
  })
  .strict();

export const sourceEntrySchema = z
  .object({
    displayName: z.string().optional(),
    /** A disabled source is kept in the file but never synced. Default true. */
    enabled: z.boolean().default(true),
    /** Zone of the source's local times; default the file's `timeZone`. */
    timeZone: z.string().optional(),
    /** When the jobs package runs this source's incremental sync. */
    schedule: scheduleSchema.optional(),
    /** When the jobs package runs a full sync (reconciling deletes). */
    fullSchedule: scheduleSchema.optional(),
    /** Records per writer transaction. Default 2000. */
    batchSize: z.number().int().min(1).max(100_000).optional(),
    /**
     * The largest share of a stream's rows a full sync may soft-delete (0–1). Default 0.2: a source
     * that silently caps its page size, or answers a short list, must not delete most of the district
     * until the next full run; above it nothing is deleted and an alert asks an admin to confirm with
     * `npx hub sync <source> --full --allow-mass-delete`.
     */
    maxDeleteShare: z.number().min(0).max(1).optional(),
    connectors: z.array(connectorEntrySchema).min(1, 'expected at least one connector'),
  })
  .strict();

export const hubConfigSchema = z
  .object({
    version: z.literal(1),
    /** Zone of local times when a source does not name its own. Default Asia/Shanghai. */
    timeZone: z.string().default('Asia/Shanghai'),
    sources: z.record(
      z.string().regex(/^[a-z][a-z0-9-]*$/, 'source names are lower-case words joined by "-"'),
      sourceEntrySchema,
    ),
  })
  .strict();

export type ScheduleConfig = z.infer<typeof scheduleSchema>;
export type ConnectorEntry = z.infer<typeof connectorEntrySchema>;

/** A connector of a source after its kind's `spec` has validated it. */
export interface ResolvedConnector {
  kind: ConnectorEntry['kind'];
  /** The kind's parsed config (connection + streams). */
  config: { streams: ResolvedStream[] } & Record<string, unknown>;
  /** `sources.<name>.connectors[<i>]`, for messages. */
  path: string;
  /** Position in the source's `connectors`; names its live lock and its live runs' trigger. */
  index: number;
  /** Followed by a worker, skipped by batch runs (see `connectorEntrySchema`). */
  live: boolean;
}

/** Fields every stream of every kind has. */
export interface ResolvedStream {
  name: string;
  /** Name of the mapping module, `<source>/<stream>` (see mappings/registry.ts). */
  mapping: string;
  mappingOptions: Record<string, unknown>;
  /** Whether a full sync marks entities this stream did not return as deleted. */
  reconcile: boolean;
}

export interface SourceConfig {
  name: string;
  displayName?: string;
  enabled: boolean;
  timeZone: string;
  schedule?: ScheduleConfig;
  fullSchedule?: ScheduleConfig;
  batchSize: number;
  /** See `sourceEntrySchema.maxDeleteShare`. */
  maxDeleteShare: number;
  connectors: ResolvedConnector[];
}

export interface HubConfig {
  /** Absolute path of the file it was read from. */
  file: string;
  timeZone: string;
  sources: Record<string, SourceConfig>;
}

/** Common stream fields, merged into each kind's stream schema. */
export const streamBaseShape = {
  name: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'stream names are lower-case words joined by "-" or "_"'),
  mapping: z.string().min(1),
  mappingOptions: z.record(z.string(), z.unknown()).default({}),
  reconcile: z.boolean().optional(),
};
