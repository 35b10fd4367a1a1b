/**
 * Files the way source systems hand data over: CSV in GBK or UTF-8 with a byte-order mark (CRLF,
 * RFC 4180 quoting), or XLSX; delivered atomically (a hidden temporary name, then a rename) unless the
 * fault knobs say otherwise: latency before the file appears, a zero-byte file for an error, a file
 * truncated mid-row for a drop.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Faults } from '../faults.ts';

export type Cell = string | number | null;
export type CsvEncoding = 'gbk' | 'utf8-bom';

export function encodeCsv(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  encoding: CsvEncoding,
): Buffer {
  const text = stringify([headers as Cell[], ...(rows as Cell[][])], {
    record_delimiter: '\r\n',
    cast: { number: (n) => String(n) },
  });
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export async function encodeXlsx(
  sheetName: string,
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  createdMs: number,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'system';
  workbook.created = new Date(createdMs);
  workbook.modified = new Date(createdMs);
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers as string[]);
  for (const row of rows) sheet.addRow(row.map((c) => (c === null ? '' : c)));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Writes `data` as `dir/name`, applying the file-level fault knobs. Returns the final path. */
export async function deliverFile(dir: string, name: string, data: Buffer, faults: Faults): Promise<string> {
  await mkdir(dir, { recursive: true });
  await faults.delay();
  const path = join(dir, name);
  let content = data;
  if (faults.takeError()) {
    content = Buffer.alloc(0);
  } else if (faults.takeDrop()) {
    // Cut inside a row: after the header line, not on a line end.
    const firstLineEnd = data.indexOf(0x0a) + 1;
    let cut = firstLineEnd + Math.floor((data.length - firstLineEnd) * (0.3 + 0.5 * faults.fraction()));
    while (cut < data.length - 1 && (data[cut - 1] === 0x0a || data[cut] === 0x0a || data[cut] === 0x0d))
      cut += 1;
    content = data.subarray(0, Math.min(cut, data.length - 1));
  }
  const temp = join(dir, `.~${name}.tmp`);
  await writeFile(temp, content);
  await rename(temp, path);
  return path;
}
