import { z } from 'zod';
import { streamBaseShape } from '../../config/hub-config.ts';

const auth = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z
    .object({ type: z.literal('bearer'), token: z.string().min(1, 'expected a token (use ${ENV_VAR})') })
    .strict(),
  z.object({ type: z.literal('basic'), username: z.string().min(1), password: z.string() }).strict(),
  z
    .object({
      type: z.literal('apiKey'),
      /** Header that carries the key, e.g. X-API-Key. */
      header: z.string().min(1).default('X-API-Key'),
      value: z.string().min(1, 'expected the key (use ${ENV_VAR})'),
    })
    .strict(),
]);

const paging = z.discriminatedUnion('type', [
  /** `?page=1&pageSize=100`; stops on a short page or after `totalPagesPath`. */
  z
    .object({
      type: z.literal('page'),
      pageParam: z.string().default('page'),
      sizeParam: z.string().default('pageSize'),
      size: z.number().int().min(1).max(10_000).default(100),
      firstPage: z.number().int().min(0).default(1),
      totalPagesPath: z.string().optional(),
    })
    .strict(),
  /** `?offset=0&limit=100`; stops on a short page. */
  z
    .object({
      type: z.literal('offset'),
      offsetParam: z.string().default('offset'),
      limitParam: z.string().default('limit'),
      size: z.number().int().min(1).max(10_000).default(100),
    })
    .strict(),
  /** `?cursor=<token>`; the next token is read from the body at `nextPath`; stops when it is empty. */
  z
    .object({
      type: z.literal('cursor'),
      param: z.string().default('cursor'),
      nextPath: z.string().default('nextCursor'),
      sizeParam: z.string().optional(),
      size: z.number().int().min(1).max(10_000).default(100),
    })
    .strict(),
  /** RFC 8288 `Link: <…>; rel="next"` headers (GitHub style); stops when there is no next link. */
  z
    .object({
      type: z.literal('link'),
      sizeParam: z.string().optional(),
      size: z.number().int().min(1).max(10_000).default(100),
    })
    .strict(),
  z.object({ type: z.literal('none') }).strict(),
]);

export const restStreamSchema = z
  .object({
    ...streamBaseShape,
    /** Path under baseUrl, e.g. /api/v1/rooms. */
    path: z.string().startsWith('/', 'expected a path starting with /'),
    /** Fixed query parameters. */
    query: z.record(z.string(), z.string()).default({}),
    /** Dot path to the array of records in the body; empty when the body is the array. */
    recordsPath: z.string().default('data'),
    primaryKey: z.union([z.string(), z.array(z.string()).min(1)]).default('id'),
    /** Field that grows on every change; enables incremental reads. */
    cursorField: z.string().optional(),
    /** Query parameter that asks for records changed since a cursor value. */
    updatedSinceParam: z.string().default('updatedSince'),
    paging: paging.default({
      type: 'page',
      pageParam: 'page',
      sizeParam: 'pageSize',
      size: 100,
      firstPage: 1,
    }),
  })
  .strict();

export const restConfigSchema = z
  .object({
    connection: z
      .object({
        baseUrl: z.url({ message: 'expected an http(s) URL' }),
        auth: auth.default({ type: 'none' }),
        headers: z.record(z.string(), z.string()).default({}),
        /** Per-request timeout. Default 15 s. */
        timeoutMs: z.number().int().min(100).default(15_000),
        retry: z
          .object({
            /** Attempts per request, the first included. Default 5. */
            attempts: z.number().int().min(1).max(20).default(5),
            /** First backoff; doubles each attempt, with jitter. Default 200 ms. */
            baseDelayMs: z.number().int().min(0).default(200),
            /** Longest wait between attempts, Retry-After included. Default 30 s. */
            maxDelayMs: z.number().int().min(0).default(30_000),
          })
          .strict()
          .default({ attempts: 5, baseDelayMs: 200, maxDelayMs: 30_000 }),
        /** Path `check` requests; default the first stream's path with a page size of 1. */
        checkPath: z.string().optional(),
      })
      .strict(),
    streams: z.array(restStreamSchema).min(1),
  })
  .strict();

export type RestConfig = z.infer<typeof restConfigSchema>;
export type RestStreamConfig = z.infer<typeof restStreamSchema>;
export type RestPaging = RestStreamConfig['paging'];
