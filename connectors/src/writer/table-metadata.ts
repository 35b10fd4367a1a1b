import { sql } from 'kysely';
import type { SqlExecutor } from '@district-hub/schema/database';

/** A column of a hub table as PostgreSQL describes it, for validation and staging. */
export interface ColumnInfo {
  name: string;
  /** `integer`, `double precision`, `text`, `timestamp with time zone`, `USER-DEFINED` (enum), `jsonb`, … */
  dataType: string;
  /** The type name (`int4`, `float8`, `RoomCategory`). */
  udtName: string;
  nullable: boolean;
  hasDefault: boolean;
  /** Allowed values when the column is an enum. */
  enumValues?: string[];
}

export interface TableInfo {
  name: string;
  columns: Map<string, ColumnInfo>;
}

/** Reads column metadata from the database itself, so validation follows the migrated schema. */
export async function loadTableInfo(db: SqlExecutor, table: string): Promise<TableInfo> {
  const { rows } = await sql<{
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: string;
    column_default: string | null;
  }>`SELECT column_name, data_type, udt_name, is_nullable, column_default
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${table}
      ORDER BY ordinal_position`.execute(db);
  if (rows.length === 0) throw new Error(`table "${table}" does not exist in the hub database`);
  const enumTypes = rows.filter((r) => r.data_type === 'USER-DEFINED').map((r) => r.udt_name);
  const enums = await sql<{ typname: string; labels: string[] }>`
    SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
     WHERE t.typname = ANY(${enumTypes}::text[])
     GROUP BY t.typname`.execute(db);
  const enumMap = new Map(enums.rows.map((r) => [r.typname, r.labels]));
  const columns = new Map<string, ColumnInfo>();
  for (const row of rows) {
    columns.set(row.column_name, {
      name: row.column_name,
      dataType: row.data_type,
      udtName: row.udt_name,
      nullable: row.is_nullable === 'YES',
      hasDefault: row.column_default !== null,
      enumValues: enumMap.get(row.udt_name),
    });
  }
  return { name: table, columns };
}
