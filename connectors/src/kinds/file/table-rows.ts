import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { toHalfWidth } from '../../normalize/full-width.ts';
import { decoderName, detectEncoding, readSample } from './detect-encoding.ts';

/** A file that cannot be read as a table (encoding, header): the whole file fails with this reason. */
export class FileRejectedError extends Error {
  override readonly name = 'FileRejectedError';
}

export interface TableRow {
  /** 1-based row (CSV record or sheet row), the header being row 1. */
  line: number;
  cells: unknown[];
  /**
   * The file ends inside this row: it is the last, has fewer cells than the header and no line end
   * follows it. A transfer cut short, not a row to read (its last cell is likely cut too).
   */
  cutShort?: boolean;
}

/** Streams a CSV file's records, decoded on the fly: memory holds one chunk, not the file. */
export async function* csvRows(
  path: string,
  encoding: string,
  delimiter: string,
): AsyncGenerator<TableRow, void, undefined> {
  const resolved = encoding === 'auto' ? detectEncoding(await readSample(path)) : decoderName(encoding);
  const parser = createReadStream(path)
    .pipe(iconv.decodeStream(resolved, { stripBOM: true }))
    .pipe(
      parse({
        delimiter,
        bom: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
      }),
    );
  // Rows are counted as a spreadsheet shows them (the header is row 1); csv-parse's own line info costs
  // a tenth of the parse. Each row waits for the next, so the last one can be checked for a cut.
  let line = 0;
  let columns = 0;
  let held: TableRow | undefined;
  for await (const record of parser as AsyncIterable<string[]>) {
    line += 1;
    if (line === 1) columns = record.length;
    if (held) yield held;
    held = { line, cells: record };
  }
  if (!held) return;
  if (held.line > 1 && held.cells.length < columns && !(await endsWithLineEnd(path))) held.cutShort = true;
  yield held;
}

async function endsWithLineEnd(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await file.read(last, 0, 1, size - 1);
    return last[0] === 0x0a || last[0] === 0x0d;
  } finally {
    await file.close();
  }
}

/** Streams the rows of one sheet of an XLSX file with exceljs' streaming reader. */
export async function* xlsxRows(path: string, sheet: string | number | undefined): AsyncGenerator<TableRow> {
  // Loaded on first use: exceljs is large, and most inboxes hold CSV.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  let index = 0;
  for await (const worksheet of reader) {
    index += 1;
    const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
    const wanted =
      sheet === undefined ? index === 1 : typeof sheet === 'number' ? sheet === index : ws.name === sheet;
    if (!wanted) {
      for await (const _row of ws) void _row; // drain: the reader is sequential
      continue;
    }
    for await (const row of ws) {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      yield { line: row.number, cells: values.map(cellValue) };
    }
    return;
  }
  throw new FileRejectedError(`sheet ${String(sheet ?? 1)} not found`);
}

/** The plain value of an exceljs cell: rich text joined, formula results, hyperlinks' text; Dates kept. */
function cellValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellValue(v.result);
    if (v.text !== undefined) return cellValue(v.text);
    if (v.error) return null;
  }
  return value;
}

/** Header text as compared with the config: trimmed, full-width folded, BOM and inner spaces removed. */
export function normalizeHeader(value: unknown): string {
  return toHalfWidth(String(value ?? ''))
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .trim();
}
