import { ConfigError } from '@district-hub/schema';
import { SourceConnector } from '../../sdk/source-connector.ts';
import type {
  CheckResult,
  ConfiguredStream,
  JsonValue,
  ReadContext,
  ReadMessage,
  SourceRecord,
  StreamDescriptor,
  StreamStates,
} from '../../sdk/types.ts';
import { describeError } from '../../sdk/upstream-error.ts';
import { parseZonedTime } from '../../normalize/zoned-time.ts';
import { atPath, getJson } from './http-client.ts';
import { nextLink } from './link-header.ts';
import { restConfigSchema, type RestConfig, type RestStreamConfig } from './rest-spec.ts';

interface Page {
  records: SourceRecord[];
  url: string;
}

/**
 * The `rest` kind: JSON over HTTP(S) with bearer, basic or API-key auth; page-number, offset,
 * cursor-token or Link-header paging; retries with backoff that honour Retry-After; incremental reads
 * by an `updatedSince` query parameter.
 *
 * State per stream: `{ "updatedSince": <largest cursor value seen, as the source spelled it> }`. The
 * checkpoint is committed after the stream's last page, with the last batch: pages are not guaranteed
 * to come in cursor order, so a mid-stream checkpoint could skip records. A run that fails mid-stream
 * therefore re-reads the stream from the previous checkpoint; those records hash equal and write nothing.
 */
export class RestConnector extends SourceConnector<RestConfig> {
  readonly kind = 'rest' as const;
  readonly spec = restConfigSchema;

  async check(config: RestConfig, signal?: AbortSignal): Promise<CheckResult> {
    const stream = config.streams[0]!;
    const path = config.connection.checkPath ?? stream.path;
    const url = this.url(config, path, stream, { pageSize: 1 });
    try {
      const response = await getJson(
        { ...config.connection, retry: { ...config.connection.retry, attempts: 1 } },
        url,
        signal,
      );
      if (!config.connection.checkPath) {
        const records = atPath(response.body, stream.recordsPath);
        if (!Array.isArray(records)) {
          return {
            ok: false,
            code: 'connector/source_failed',
            reason: `GET ${url} answered ${response.status}, but "${stream.recordsPath}" in its body is not an array of records; check recordsPath of stream ${stream.name}`,
          };
        }
      }
      return { ok: true, details: `GET ${url} answered ${response.status}` };
    } catch (error) {
      return {
        ok: false,
        code: (error as { code?: string }).code ?? 'connector/source_unreachable',
        reason: describeError(error),
        details: (error as { details?: Record<string, unknown> }).details,
      };
    }
  }

  async discover(config: RestConfig): Promise<StreamDescriptor[]> {
    return config.streams.map((s) => ({
      name: s.name,
      primaryKey: Array.isArray(s.primaryKey) ? s.primaryKey : [s.primaryKey],
      cursorField: s.cursorField,
      supportsIncremental: Boolean(s.cursorField),
    }));
  }

  async *read(
    config: RestConfig,
    streams: ConfiguredStream[],
    state: StreamStates,
    context: ReadContext,
  ): AsyncGenerator<ReadMessage> {
    for (const selected of streams) {
      const stream = config.streams.find((s) => s.name === selected.name);
      if (!stream) throw new ConfigError(`rest: no stream named ${selected.name}`);
      const previous =
        selected.mode === 'incremental' && stream.cursorField ? sinceOf(state[stream.name]) : undefined;
      let newest: string | number | undefined = previous;
      let newestKey = previous === undefined ? undefined : cursorKey(previous, context.timeZone);
      for await (const page of this.pages(config, stream, previous, context)) {
        if (stream.cursorField) {
          for (const record of page.records) {
            const value = record[stream.cursorField];
            if (typeof value !== 'string' && typeof value !== 'number') continue;
            const key = cursorKey(value, context.timeZone);
            if (newestKey === undefined || key > newestKey) {
              newest = value;
              newestKey = key;
            }
          }
        }
        yield { type: 'records', stream: stream.name, records: page.records, origin: page.url };
      }
      const cursor: JsonValue = stream.cursorField ? { updatedSince: newest ?? null } : null;
      yield { type: 'state', stream: stream.name, cursor };
    }
  }

  private url(
    config: RestConfig,
    path: string,
    stream: RestStreamConfig,
    extra: Record<string, string | number | undefined> & { pageSize?: number },
  ): string {
    const url = new URL(config.connection.baseUrl.replace(/\/$/, '') + path);
    for (const [k, v] of Object.entries(stream.query)) url.searchParams.set(k, v);
    const { pageSize, ...rest } = extra;
    const paging = stream.paging;
    if (pageSize !== undefined) {
      const sizeParam =
        paging.type === 'page'
          ? paging.sizeParam
          : paging.type === 'offset'
            ? paging.limitParam
            : paging.type === 'none'
              ? undefined
              : paging.sizeParam;
      if (sizeParam) url.searchParams.set(sizeParam, String(pageSize));
    }
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  private async *pages(
    config: RestConfig,
    stream: RestStreamConfig,
    since: string | number | undefined,
    context: ReadContext,
  ): AsyncGenerator<Page> {
    const paging = stream.paging;
    const base = since === undefined ? {} : { [stream.updatedSinceParam]: since };
    const fetchPage = async (url: string) => {
      const response = await getJson(config.connection, url, context.signal, (m) => context.log('warn', m));
      const records = atPath(response.body, stream.recordsPath);
      if (!Array.isArray(records)) {
        throw new ConfigError(
          `GET ${url}: "${stream.recordsPath}" in the body is not an array; check recordsPath of stream ${stream.name}`,
        );
      }
      return { response, records: records as SourceRecord[] };
    };

    if (paging.type === 'none') {
      const url = this.url(config, stream.path, stream, base);
      yield { records: (await fetchPage(url)).records, url };
      return;
    }
    if (paging.type === 'page') {
      for (let page = paging.firstPage; ; page += 1) {
        const url = this.url(config, stream.path, stream, {
          ...base,
          [paging.pageParam]: page,
          pageSize: paging.size,
        });
        const { response, records } = await fetchPage(url);
        if (records.length > 0) yield { records, url };
        const total = paging.totalPagesPath
          ? Number(atPath(response.body, paging.totalPagesPath))
          : undefined;
        if (records.length < paging.size || (total !== undefined && page - paging.firstPage + 1 >= total))
          return;
      }
    }
    if (paging.type === 'offset') {
      for (let offset = 0; ; offset += paging.size) {
        const url = this.url(config, stream.path, stream, {
          ...base,
          [paging.offsetParam]: offset,
          pageSize: paging.size,
        });
        const { records } = await fetchPage(url);
        if (records.length > 0) yield { records, url };
        if (records.length < paging.size) return;
      }
    }
    if (paging.type === 'cursor') {
      let token: string | undefined;
      for (;;) {
        const url = this.url(config, stream.path, stream, {
          ...base,
          [paging.param]: token,
          pageSize: paging.size,
        });
        const { response, records } = await fetchPage(url);
        if (records.length > 0) yield { records, url };
        const next = atPath(response.body, paging.nextPath);
        if (next === null || next === undefined || next === '' || records.length === 0) return;
        token = String(next);
      }
    }
    if (paging.type === 'link') {
      let url: string | undefined = this.url(config, stream.path, stream, { ...base, pageSize: paging.size });
      const visited = new Set<string>();
      while (url && !visited.has(url)) {
        visited.add(url);
        const { response, records } = await fetchPage(url);
        if (records.length > 0) yield { records, url };
        url = nextLink(response.headers.get('link'), url);
      }
    }
  }
}

function sinceOf(cursor: JsonValue | null | undefined): string | number | undefined {
  if (cursor && typeof cursor === 'object' && !Array.isArray(cursor)) {
    const value = cursor.updatedSince;
    if (typeof value === 'string' || typeof value === 'number') return value;
  }
  return undefined;
}

/** Cursor values compare as instants when they read as times, else as numbers or text. */
function cursorKey(value: string | number, zone: string): number | string {
  if (typeof value === 'number') return value;
  try {
    return parseZonedTime(value, { zone }).getTime();
  } catch {
    return value;
  }
}
