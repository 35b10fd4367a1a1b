import { fileURLToPath } from 'node:url';
import { ConfigError } from '@district-hub/schema';
import { z } from 'zod';

/** The folder of JSON manifests `{ "<sha256 of the query>": "<query>" }` that first-party clients register. */
export const DEFAULT_TRUSTED_DOCUMENTS_DIR = fileURLToPath(
  new URL('../guards/trusted-documents/', import.meta.url),
);

const optionsSchema = z.object({
  /** Path of GraphQL over HTTP and over WebSocket; default `/graphql`. */
  path: z.string().startsWith('/'),
  /** Production mode turns introspection and field suggestions off unless set explicitly. Default false. */
  production: z.boolean(),
  /** Schema introspection; default on outside production, so tools like GraphiQL work while developing. */
  introspection: z.boolean().optional(),
  /** "Did you mean …" hints in validation errors; default off in production (they leak the schema). */
  fieldSuggestions: z.boolean().optional(),
  limits: z.object({
    /** Deepest selection nesting; default 12 (the district snapshot needs 7). */
    maxDepth: z.number().int().positive(),
    /** Aliased fields per operation; default 30 (an alias bomb multiplies work without a deep query). */
    maxAliases: z.number().int().nonnegative(),
    /** Estimated cost per operation: 1 per field, times `first` (default 50) under connections and
     * times 10 under plain lists; default 60,000 (a 500-building snapshot costs about 20,000). */
    maxCost: z.number().int().positive(),
    /** Largest request body in bytes; default 256 KiB (the largest first-party query is under 4 KiB). */
    bodyLimitBytes: z.number().int().positive(),
  }),
  rateLimit: z.object({
    /** Requests (HTTP operations and subscription starts) per key per window; default 1,200. */
    max: z.number().int().positive(),
    /** Window length in milliseconds; default 60,000. */
    windowMs: z.number().int().positive(),
  }),
  /** Folders of trusted-document manifests; default `gateway/src/guards/trusted-documents/`. */
  trustedDocumentsDirs: z.array(z.string()),
  /** How long a verified API key is remembered before the database is asked again; default 30 s
   * (so a revocation takes effect within that time). */
  authCacheMs: z.number().int().nonnegative(),
  /** Prefix of Redis keys (rate limits); default `hub`. Tests use `test-<uuid>`. */
  redisPrefix: z.string().regex(/^[\w.-]+$/),
});

export type GatewayOptions = z.infer<typeof optionsSchema>;

export const GATEWAY_DEFAULTS: GatewayOptions = {
  path: '/graphql',
  production: false,
  limits: { maxDepth: 12, maxAliases: 30, maxCost: 60_000, bodyLimitBytes: 256 * 1024 },
  rateLimit: { max: 1_200, windowMs: 60_000 },
  trustedDocumentsDirs: [DEFAULT_TRUSTED_DOCUMENTS_DIR],
  authCacheMs: 30_000,
  redisPrefix: 'hub',
};

export interface GatewayOptionsInput extends Partial<Omit<GatewayOptions, 'limits' | 'rateLimit'>> {
  limits?: Partial<GatewayOptions['limits']>;
  rateLimit?: Partial<GatewayOptions['rateLimit']>;
}

/** Resolved options: introspection and suggestions follow `production` unless set. */
export interface ResolvedGatewayOptions extends GatewayOptions {
  introspection: boolean;
  fieldSuggestions: boolean;
}

export function resolveGatewayOptions(input: GatewayOptionsInput = {}): ResolvedGatewayOptions {
  const merged = {
    ...GATEWAY_DEFAULTS,
    ...input,
    limits: { ...GATEWAY_DEFAULTS.limits, ...input.limits },
    rateLimit: { ...GATEWAY_DEFAULTS.rateLimit, ...input.rateLimit },
  };
  const parsed = optionsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`gateway option ${issue?.path.join('.')}: ${issue?.message}`, {
      path: issue?.path.join('.'),
    });
  }
  const options = parsed.data;
  return {
    ...options,
    introspection: options.introspection ?? !options.production,
    fieldSuggestions: options.fieldSuggestions ?? !options.production,
  };
}
