import { z } from 'zod';
import { streamBaseShape } from '../../config/hub-config.ts';

export const fileStreamSchema = z
  .object({
    ...streamBaseShape,
    /** File names this stream takes from the inbox: a glob with * and ? (`rooms*.csv`). */
    pattern: z.string().min(1),
    /** `auto` decides by extension (.csv, .txt → csv; .xlsx → xlsx). */
    format: z.enum(['auto', 'csv', 'xlsx']).default('auto'),
    /** Declared encoding of CSV files, or `auto`: BOM, else valid UTF-8, else detected (GBK/GB18030). */
    encoding: z.enum(['auto', 'utf8', 'gbk', 'gb18030', 'gb2312', 'utf16le']).default('auto'),
    delimiter: z.string().length(1).default(','),
    /** XLSX: the sheet to read (name or 1-based index); default the first. */
    sheet: z.union([z.string(), z.number().int().min(1)]).optional(),
    /** Header in the file (often Chinese) → field name the mapping reads. Listed headers are required. */
    headers: z.record(z.string(), z.string()).default({}),
    /** Listed headers that may be absent. */
    optionalHeaders: z.array(z.string()).default([]),
    /** Field that identifies a row (after header mapping), for rejection rows. */
    primaryKey: z.string().optional(),
  })
  .strict();

export const fileConfigSchema = z
  .object({
    connection: z
      .object({
        /** Folder where exports are dropped. Relative paths are taken from hub.config.yaml's folder. */
        inbox: z.string().min(1),
        /** Where processed, failed and duplicate files go; default `<inbox>/archive`. */
        archive: z.string().optional(),
        /** Rows per yielded batch. Default 2000. */
        batchRows: z.number().int().min(1).default(2000),
      })
      .strict(),
    streams: z.array(fileStreamSchema).min(1),
  })
  .strict();

export type FileConfig = z.infer<typeof fileConfigSchema>;
export type FileStreamConfig = z.infer<typeof fileStreamSchema>;
