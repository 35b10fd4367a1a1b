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
    /** Aliased fields per operation, `__typename` too; default 30 (an alias bomb multiplies work
     * without a deep query). */
    maxAliases: z.number().int().nonnegative(),
    /** Estimated cost per operation: 1 per field, times the page size (`first`/`last`, default 50)
     * under connections and the declared size under plain lists; default 150,000 (the 500-building
     * district snapshot with its floors costs 126,505). */
    maxCost: z.number().int().positive(),
    /** Lexical tokens per document; parsing stops past it. Default 5,000 (the largest first-party
     * document has about 150). */
    maxTokens: z.number().int().positive(),
    /** Selections the analysis walks per document; default 2,000. */
    maxSelections: z.number().int().positive(),
    /** Directives per operation, counted at every spread; default 20. */
    maxDirectives: z.number().int().nonnegative(),
    /** Directives on one field, fragment or spread; default 4 (`@include` and `@skip` take two). */
    maxFieldDirectives: z.number().int().nonnegative(),
    /** Cost of the introspection in one operation (development only: production has none); default
     * twice what graphql-js' full introspection query costs on this schema. */
    maxIntrospectionCost: z.number().int().positive().optional(),
    /** Largest request body in bytes, and largest WebSocket message; default 256 KiB (the largest
     * first-party query is under 4 KiB). */
    bodyLimitBytes: z.number().int().positive(),
  }),
  /** Subscriptions one WebSocket may hold open at once; default 25 (the twin holds 2). */
  maxSubscriptionsPerConnection: z.number().int().positive(),
  rateLimit: z.object({
    /** Requests (HTTP operations and subscription starts) per key per window; default 1,200. */
    max: z.number().int().positive(),
    /** Window length in milliseconds; default 60,000. */
    windowMs: z.number().int().positive(),
  }),
  /** Folders of trusted-document manifests; default `gateway/src/guards/trusted-documents/`. */
  trustedDocumentsDirs: z.array(z.string()),
  /** How long a verified API key is remembered before the database is asked again; default 30 s
   * (so a revocation takes effect within that time, open WebSockets included). */
  authCacheMs: z.number().int().nonnegative(),
  /** How long a key that failed is remembered as failed; default 5 s. */
  authNegativeCacheMs: z.number().int().nonnegative(),
  /** Failed authentications per client address and window before the address gets 429s; default
   * 30 per 60 s. */
  authFailures: z.object({ max: z.number().int().positive(), windowMs: z.number().int().positive() }),
  /** When set, `/metrics` answers only `Authorization: Bearer <token>`. */
  metricsToken: z.string().min(16).optional(),
  /** Serve `/metrics` on the gateway's port; off when it has a port of its own. Default on. */
  serveMetrics: z.boolean(),
  /** Prefix of Redis keys (rate limits); default `hub`. Tests use `test-<uuid>`. */
  redisPrefix: z.string().regex(/^[\w.-]+$/),
});

export type GatewayOptions = z.infer<typeof optionsSchema>;

export const GATEWAY_DEFAULTS: GatewayOptions = {
  path: '/graphql',
  production: false,
  limits: {
    maxDepth: 12,
    maxAliases: 30,
    maxCost: 150_000,
    maxTokens: 5_000,
    maxSelections: 2_000,
    maxDirectives: 20,
    maxFieldDirectives: 4,
    bodyLimitBytes: 256 * 1024,
  },
  maxSubscriptionsPerConnection: 25,
  rateLimit: { max: 1_200, windowMs: 60_000 },
  trustedDocumentsDirs: [DEFAULT_TRUSTED_DOCUMENTS_DIR],
  authCacheMs: 30_000,
  authNegativeCacheMs: 5_000,
  authFailures: { max: 30, windowMs: 60_000 },
  serveMetrics: true,
  redisPrefix: 'hub',
};

export interface GatewayOptionsInput extends Partial<
  Omit<GatewayOptions, 'limits' | 'rateLimit' | 'authFailures'>
> {
  limits?: Partial<GatewayOptions['limits']>;
  rateLimit?: Partial<GatewayOptions['rateLimit']>;
  authFailures?: Partial<GatewayOptions['authFailures']>;
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
    authFailures: { ...GATEWAY_DEFAULTS.authFailures, ...input.authFailures },
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
