import { ConfigError } from '@district-hub/schema';
import { SourceConnector } from '../../sdk/source-connector.ts';
import { isKeysetCursor } from '../../sdk/stream-cursor.ts';
import type {
  CheckResult,
  ConfiguredStream,
  ReadContext,
  ReadMessage,
  StreamDescriptor,
  StreamStates,
} from '../../sdk/types.ts';
import { describeError, upstreamError } from '../../sdk/upstream-error.ts';
import { openSqlSession, type SqlSession } from './sql-session.ts';
import { sqlConfigSchema, type SqlConfig, type SqlStreamConfig } from './sql-spec.ts';

/**
 * The `sql` kind: MariaDB/MySQL (mysql2) and PostgreSQL (pg), read-only.
 *
 * Reads by keyset paging, never OFFSET: each page is `ORDER BY cursor, pk LIMIT n` starting after the
 * last (cursor, pk) seen (see `sdk/stream-cursor.ts` for the arithmetic), so a page costs an index range
 * scan whatever the table size, memory holds one page, and each page's checkpoint `{value, key}` is
 * committed with that page's rows. A stream without a cursor column is read by primary key alone, in
 * full, every run. A full sync starts from the beginning; an incremental one from the committed cursor.
 */
export class SqlConnector extends SourceConnector<SqlConfig> {
  readonly kind = 'sql' as const;
  readonly spec = sqlConfigSchema;

  async check(config: SqlConfig): Promise<CheckResult> {
    let session: SqlSession | undefined;
    const where = safeUrl(config.connection.url);
    try {
      session = await openSqlSession(config.connection);
    } catch (error) {
      return {
        ok: false,
        code: sqlErrorCode(error),
        reason: `cannot connect to ${where}: ${describeError(error)}`,
      };
    }
    try {
      for (const stream of config.streams) {
        try {
          await session.query(
            `SELECT ${columnList(session, stream)} FROM ${session.quote(stream.table)} LIMIT 0`,
            [],
          );
        } catch (error) {
          return {
            ok: false,
            code: 'connector/source_failed',
            reason: `stream ${stream.name}: cannot read table ${stream.table} at ${where}: ${describeError(error)}`,
          };
        }
      }
      return { ok: true, details: `${where}: ${config.streams.length} table(s) readable` };
    } finally {
      await session.close();
    }
  }

  async discover(config: SqlConfig): Promise<StreamDescriptor[]> {
    return config.streams.map((s) => ({
      name: s.name,
      primaryKey: [s.primaryKey],
      cursorField: s.cursorField,
      supportsIncremental: Boolean(s.cursorField),
    }));
  }

  async *read(
    config: SqlConfig,
    streams: ConfiguredStream[],
    state: StreamStates,
    context: ReadContext,
  ): AsyncGenerator<ReadMessage> {
    let session: SqlSession;
    try {
      session = await openSqlSession(config.connection);
    } catch (error) {
      throw upstreamError(`cannot connect to ${safeUrl(config.connection.url)}`, { cause: error });
    }
    try {
      for (const selected of streams) {
        const stream = config.streams.find((s) => s.name === selected.name);
        if (!stream) throw new ConfigError(`sql: no stream named ${selected.name}`);
        const start = selected.mode === 'incremental' && stream.cursorField ? state[stream.name] : null;
        yield* this.readStream(session, config, stream, isKeysetCursor(start) ? start : null, context);
      }
    } finally {
      await session.close();
    }
  }

  private async *readStream(
    session: SqlSession,
    config: SqlConfig,
    stream: SqlStreamConfig,
    start: { value: string | number | null; key: string | number | null } | null,
    context: ReadContext,
  ): AsyncGenerator<ReadMessage> {
    const q = (n: string) => session.quote(n);
    const table = q(stream.table);
    const pk = q(stream.primaryKey);
    const cols = columnList(session, stream);
    let after = start;
    for (;;) {
      context.signal.throwIfAborted();
      let sql: string;
      let params: unknown[];
      if (stream.cursorField) {
        const c = q(stream.cursorField);
        if (after && after.value !== null) {
          sql = `SELECT ${cols} FROM ${table} WHERE (${c} > ${session.param(1)} OR (${c} = ${session.param(2)} AND ${pk} > ${session.param(3)})) ORDER BY ${c}, ${pk} LIMIT ${stream.pageSize}`;
          params = [after.value, after.value, after.key];
        } else {
          sql = `SELECT ${cols} FROM ${table} ORDER BY ${c}, ${pk} LIMIT ${stream.pageSize}`;
          params = [];
        }
      } else if (after && after.key !== null) {
        sql = `SELECT ${cols} FROM ${table} WHERE ${pk} > ${session.param(1)} ORDER BY ${pk} LIMIT ${stream.pageSize}`;
        params = [after.key];
      } else {
        sql = `SELECT ${cols} FROM ${table} ORDER BY ${pk} LIMIT ${stream.pageSize}`;
        params = [];
      }
      let rows: Record<string, unknown>[];
      try {
        rows = await session.query(sql, params);
      } catch (error) {
        throw upstreamError(
          `reading ${stream.table} from ${safeUrl(config.connection.url)} failed: ${describeError(error)}`,
          {
            cause: error,
          },
        );
      }
      if (rows.length === 0) {
        // Nothing (more): confirm the cursor so a stream that had nothing new still records its position.
        if (!stream.cursorField) yield { type: 'state', stream: stream.name, cursor: null };
        else if (after === start) yield { type: 'state', stream: stream.name, cursor: start };
        return;
      }
      const last = rows[rows.length - 1]!;
      after = {
        value: stream.cursorField ? (last[stream.cursorField] as string | number) : null,
        key: last[stream.primaryKey] as string | number,
      };
      yield { type: 'records', stream: stream.name, records: rows, origin: `${stream.table}` };
      // Streams without a cursor column are re-read in full every run: no checkpoint until the end.
      if (stream.cursorField) yield { type: 'state', stream: stream.name, cursor: after };
      if (rows.length < stream.pageSize) {
        if (!stream.cursorField) yield { type: 'state', stream: stream.name, cursor: null };
        return;
      }
    }
  }
}

function columnList(session: SqlSession, stream: SqlStreamConfig): string {
  return stream.columns ? stream.columns.map((c) => session.quote(c)).join(', ') : '*';
}

/** The URL without its password, for messages. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function sqlErrorCode(error: unknown): string {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === 'ER_ACCESS_DENIED_ERROR' || code === '28P01' || code === '28000')
    return 'connector/auth_failed';
  if (code === 'ER_BAD_DB_ERROR' || code === '3D000') return 'connector/source_failed';
  return 'connector/source_unreachable';
}
