import type { ColumnInfo, TableInfo } from './table-metadata.ts';
import { WRITER_COLUMNS } from './entity-tables.ts';
import { textTooLong } from './record-limits.ts';

const INT_TYPES = new Set(['int2', 'int4', 'int8']);
const FLOAT_TYPES = new Set(['float4', 'float8']);
const INT_RANGE: Record<string, [number, number]> = {
  int2: [-32768, 32767],
  int4: [-2147483648, 2147483647],
  int8: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/**
 * Checks a mapped row against the table it goes to, as PostgreSQL describes it: required columns are
 * present, enums hold one of their values, numbers are finite (and whole for integer columns), times
 * are valid dates, text fits its limit (`record-limits.ts`). Returns the reason a person can act on,
 * or null when the row is fine. This runs
 * before staging, so one bad row is quarantined instead of failing the batch's COPY.
 */
export function validateRow(table: TableInfo, fields: Record<string, unknown>): string | null {
  for (const [name, value] of Object.entries(fields)) {
    const column = table.columns.get(name);
    if (!column) return `mapping produced "${name}", which is not a column of ${table.name}`;
    const problem = checkValue(column, value);
    if (problem) return `${name}: ${problem}`;
  }
  for (const column of table.columns.values()) {
    if (WRITER_COLUMNS.has(column.name) || column.nullable || column.hasDefault) continue;
    const value = fields[column.name];
    if (value === null || value === undefined)
      return `${column.name}: is required by ${table.name} but missing`;
  }
  return null;
}

function checkValue(column: ColumnInfo, value: unknown): string | null {
  if (value === null || value === undefined) {
    return column.nullable || column.hasDefault ? null : 'is required but missing';
  }
  if (column.enumValues) {
    return column.enumValues.includes(String(value))
      ? null
      : `"${String(value)}" is not one of ${column.enumValues.join(', ')}`;
  }
  if (INT_TYPES.has(column.udtName)) {
    if (typeof value !== 'number' || !Number.isInteger(value))
      return `${JSON.stringify(value)} is not a whole number`;
    const [min, max] = INT_RANGE[column.udtName]!;
    return value < min || value > max ? `${value} is out of range` : null;
  }
  if (FLOAT_TYPES.has(column.udtName)) {
    return typeof value === 'number' && Number.isFinite(value)
      ? null
      : `${JSON.stringify(value)} is not a number`;
  }
  if (column.udtName === 'numeric') {
    const ok =
      (typeof value === 'number' && Number.isFinite(value)) ||
      (typeof value === 'string' && /^[+-]?\d+(\.\d+)?$/.test(value));
    return ok ? null : `${JSON.stringify(value)} is not a decimal number`;
  }
  if (column.udtName === 'timestamptz' || column.udtName === 'timestamp' || column.udtName === 'date') {
    return value instanceof Date && !Number.isNaN(value.getTime())
      ? null
      : `${String(value)} is not a valid time`;
  }
  if (column.udtName === 'bool')
    return typeof value === 'boolean' ? null : `${JSON.stringify(value)} is not true/false`;
  if (column.udtName === 'text' || column.udtName === 'varchar') {
    return typeof value === 'string'
      ? textTooLong(column.name, value)
      : `${JSON.stringify(value)} is not text`;
  }
  return null;
}
