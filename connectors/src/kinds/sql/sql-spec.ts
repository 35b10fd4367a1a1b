import { z } from 'zod';
import { streamBaseShape } from '../../config/hub-config.ts';

const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a plain SQL identifier (letters, digits, _)');

export const sqlStreamSchema = z
  .object({
    ...streamBaseShape,
    table: identifier,
    /** Columns to read; default all. */
    columns: z.array(identifier).min(1).optional(),
    /** Single-column primary key: the keyset tie-breaker. */
    primaryKey: identifier,
    /** NOT NULL column that grows on every change (update_time); enables incremental reads. */
    cursorField: identifier.optional(),
    /** Rows per keyset page (and per writer transaction). Default 5000. */
    pageSize: z.number().int().min(1).max(100_000).default(5000),
  })
  .strict();

export const sqlConfigSchema = z
  .object({
    connection: z
      .object({
        driver: z.enum(['mysql', 'postgres']),
        /** mysql://user:pass@host:3306/db or postgres://user:pass@host:5432/db (use ${ENV} for the password). */
        url: z
          .string()
          .regex(/^(mysql|mariadb|postgres|postgresql):\/\//, 'expected a mysql:// or postgres:// URL'),
        connectTimeoutMs: z.number().int().min(100).default(10_000),
      })
      .strict(),
    streams: z.array(sqlStreamSchema).min(1),
  })
  .strict();

export type SqlConfig = z.infer<typeof sqlConfigSchema>;
export type SqlStreamConfig = z.infer<typeof sqlStreamSchema>;
