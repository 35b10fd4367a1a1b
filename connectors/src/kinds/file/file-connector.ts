import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { access, mkdir, readdir, rename, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { ConfigError } from '@district-hub/schema';
import { SourceConnector } from '../../sdk/source-connector.ts';
import type {
  CheckResult,
  ConfiguredStream,
  ReadContext,
  ReadMessage,
  SourceRecord,
  StreamDescriptor,
  StreamStates,
  TransactionClient,
} from '../../sdk/types.ts';
import { describeError } from '../../sdk/upstream-error.ts';
import { fileConfigSchema, type FileConfig, type FileStreamConfig } from './file-spec.ts';
import { csvRows, FileRejectedError, normalizeHeader, xlsxRows, type TableRow } from './table-rows.ts';

/**
 * The `file` kind: CSV and XLSX exports dropped in an inbox folder.
 *
 * Each file is read as a stream (decoded on the fly from its declared or detected encoding: GBK,
 * GB18030, UTF-8 with or without BOM), its headers (often Chinese) mapped to field names by config,
 * and yielded in batches. The checkpoint after a file's last batch records the file's SHA-256 in
 * `ImportedFile` in the same transaction, and only after that commit is the file moved to
 * `archive/processed`. A file whose checksum is already recorded is never imported again (it goes to
 * `archive/duplicate`); a file that cannot be read as a table goes to `archive/failed` with a
 * `RejectedRecord` saying why.
 */
export class FileConnector extends SourceConnector<FileConfig> {
  readonly kind = 'file' as const;
  readonly spec = fileConfigSchema;

  async check(config: FileConfig): Promise<CheckResult> {
    try {
      // A fresh install has no inbox yet: it is created, as a read would.
      await mkdir(config.connection.inbox, { recursive: true });
      await access(config.connection.inbox, constants.R_OK | constants.W_OK);
      const s = await stat(config.connection.inbox);
      if (!s.isDirectory()) {
        return {
          ok: false,
          code: 'connector/source_failed',
          reason: `inbox ${config.connection.inbox} is not a folder`,
        };
      }
      const names = await readdir(config.connection.inbox);
      const waiting = config.streams.map(
        (st) => `${st.name}: ${names.filter((n) => globToRegExp(st.pattern).test(n)).length} file(s) waiting`,
      );
      return { ok: true, details: `inbox ${config.connection.inbox}; ${waiting.join(', ')}` };
    } catch (error) {
      return {
        ok: false,
        code: 'connector/source_unreachable',
        reason: `inbox ${config.connection.inbox} cannot be read and written: ${describeError(error)}`,
      };
    }
  }

  async discover(config: FileConfig): Promise<StreamDescriptor[]> {
    return config.streams.map((s) => ({
      name: s.name,
      primaryKey: s.primaryKey ? [s.primaryKey] : [],
      supportsIncremental: true,
    }));
  }

  async *read(
    config: FileConfig,
    streams: ConfiguredStream[],
    _state: StreamStates,
    context: ReadContext,
  ): AsyncGenerator<ReadMessage> {
    const archive = config.connection.archive ?? join(config.connection.inbox, 'archive');
    for (const selected of streams) {
      const stream = config.streams.find((s) => s.name === selected.name);
      if (!stream) throw new ConfigError(`file: no stream named ${selected.name}`);
      const pattern = globToRegExp(stream.pattern);
      await mkdir(config.connection.inbox, { recursive: true });
      const entries = await readdir(config.connection.inbox, { withFileTypes: true });
      const files = entries
        .filter((e) => e.isFile() && pattern.test(e.name))
        .map((e) => e.name)
        .sort();
      for (const name of files) {
        context.signal.throwIfAborted();
        const path = join(config.connection.inbox, name);
        const checksum = await sha256(path);
        const moveTo = (folder: string) => async () => {
          const dir = join(archive, folder);
          await mkdir(dir, { recursive: true });
          await rename(path, join(dir, uniqueName(name, checksum)));
        };
        if (await context.isFileImported(checksum)) {
          context.log(
            'info',
            `${name}: already imported (sha256 ${checksum.slice(0, 12)}…), moved to archive/duplicate`,
          );
          yield {
            type: 'state',
            stream: stream.name,
            cursor: { file: name, checksum, status: 'DUPLICATE' },
            afterCommit: moveTo('duplicate'),
          };
          continue;
        }
        const record = (status: string, rows: number) => async (tx: TransactionClient) => {
          await tx.query(
            `INSERT INTO "ImportedFile" (source, stream, "fileName", checksum, status, rows, "runId")
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (source, checksum) DO NOTHING`,
            [context.source, stream.name, name, checksum, status, rows, context.runId],
          );
        };
        let rows = 0;
        try {
          for await (const batch of this.batches(path, stream, config.connection.batchRows)) {
            rows += batch.records.length;
            if (batch.records.length > 0) {
              yield {
                type: 'records',
                stream: stream.name,
                records: batch.records,
                origin: name,
                lines: batch.lines,
              };
            }
            if (batch.cut) {
              yield {
                type: 'reject',
                stream: stream.name,
                payload: batch.cut.record,
                reason: `${name} row ${batch.cut.line}: the file ends inside this row (${batch.cut.cells} of ${batch.cut.columns} columns); the export was cut short, so the rows after it are missing too`,
                code: 'writer/record_rejected',
              };
            }
          }
        } catch (error) {
          if (!(error instanceof FileRejectedError) && !isParseError(error)) throw error;
          yield {
            type: 'reject',
            stream: stream.name,
            payload: { file: name, checksum, rowsBeforeFailure: rows },
            reason: `${name}: ${error.message}`,
            code: 'writer/record_rejected',
          };
          yield {
            type: 'state',
            stream: stream.name,
            cursor: { file: name, checksum, status: 'FAILED' },
            inTransaction: record('FAILED', rows),
            afterCommit: moveTo('failed'),
          };
          continue;
        }
        yield {
          type: 'state',
          stream: stream.name,
          cursor: { file: name, checksum, status: 'IMPORTED', rows },
          inTransaction: record('IMPORTED', rows),
          afterCommit: moveTo('processed'),
        };
      }
    }
  }

  /** Rows of one file as records keyed by mapped header names, in batches. */
  private async *batches(
    path: string,
    stream: FileStreamConfig,
    size: number,
  ): AsyncGenerator<{
    records: SourceRecord[];
    lines: number[];
    /** The last row, when the file ends inside it (`TableRow.cutShort`). */
    cut?: { record: SourceRecord; line: number; cells: number; columns: number };
  }> {
    const name = basename(path);
    const format =
      stream.format === 'auto' ? (extname(name).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv') : stream.format;
    const rows: AsyncGenerator<TableRow> =
      format === 'xlsx' ? xlsxRows(path, stream.sheet) : csvRows(path, stream.encoding, stream.delimiter);
    const wanted = new Map(Object.entries(stream.headers).map(([h, f]) => [normalizeHeader(h), f]));
    let fields: (string | undefined)[] | undefined;
    let records: SourceRecord[] = [];
    let lines: number[] = [];
    for await (const row of rows) {
      if (!fields) {
        const headers = row.cells.map(normalizeHeader);
        if (headers.some((h) => h.includes('\uFFFD'))) {
          throw new FileRejectedError(
            `the header row does not decode as ${stream.encoding === 'auto' ? 'the detected encoding' : stream.encoding} (found "${headers.join(',')}"); declare the file's encoding in hub.config.yaml`,
          );
        }
        const missing = [...wanted.keys()].filter(
          (h) => !headers.includes(h) && !stream.optionalHeaders.map(normalizeHeader).includes(h),
        );
        if (missing.length > 0) {
          throw new FileRejectedError(
            `missing column(s) ${missing.join(', ')}; the header row has ${headers.join(', ') || '(nothing)'}`,
          );
        }
        fields = headers.map((h) => wanted.get(h) ?? (h === '' ? undefined : h));
        continue;
      }
      if (row.cells.every((c) => c === null || c === undefined || c === '')) continue;
      const record: SourceRecord = {};
      fields.forEach((field, i) => {
        if (field) record[field] = row.cells[i] ?? null;
      });
      if (row.cutShort) {
        yield {
          records,
          lines,
          cut: { record, line: row.line, cells: row.cells.length, columns: fields.length },
        };
        return;
      }
      records.push(record);
      lines.push(row.line);
      if (records.length >= size) {
        yield { records, lines };
        records = [];
        lines = [];
      }
    }
    if (!fields) throw new FileRejectedError('the file is empty (no header row)');
    if (records.length > 0) yield { records, lines };
  }
}

function isParseError(error: unknown): error is Error {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('CSV_');
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** `rooms-20240301.csv` → `rooms-20240301.<first 8 of sha256>.csv`, so archived names never collide. */
function uniqueName(name: string, checksum: string): string {
  const ext = extname(name);
  return `${basename(name, ext)}.${checksum.slice(0, 8)}${ext}`;
}

export function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}
