import { createReadStream } from 'node:fs';
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
  // a tenth of the parse.
  let line = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    line += 1;
    yield { line, cells: record };
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
