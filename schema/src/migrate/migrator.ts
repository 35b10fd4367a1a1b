import { HubError } from '../errors/hub-error.ts';
import { readMigrationsFolder, readSchema, writeMigration } from './migrations-folder.ts';
import { openSchemaEngine, type SchemaEngine } from './schema-engine.ts';

const NO_FILTERS = { externalTables: [], externalEnums: [] };
export const EMPTY_MIGRATION = '-- This is an empty migration.';

async function withEngine<T>(
  connectionString: string,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const engine = await openSchemaEngine(connectionString, await readSchema());
  try {
    return await run(engine);
  } catch (error) {
    if (error instanceof HubError) throw error;
    throw new HubError('database/migration_failed', `schema engine failed: ${describe(error)}`, {
      cause: error,
    });
  } finally {
    engine.free();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error && 'message' in error) return String(error.message);
  return String(error);
}

/** Applies what is missing and records it in `_prisma_migrations`, exactly like `prisma migrate deploy`. */
export async function applyMigrations(connectionString: string): Promise<string[]> {
  const migrationsList = await readMigrationsFolder();
  return withEngine(connectionString, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return result.appliedMigrationNames;
  });
}

/** Names of migrations in the folder that the database has not applied yet (for `/readyz`). */
export async function pendingMigrations(connectionString: string): Promise<string[]> {
  const migrationsList = await readMigrationsFolder();
  return withEngine(connectionString, async (engine) => {
    const out = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: NO_FILTERS,
    });
    const history = out.history;
    if (!history) return [];
    if (history.diagnostic === 'databaseIsBehind') return history.unappliedMigrationNames;
    if (history.diagnostic === 'historiesDiverge') return history.unappliedMigrationNames;
    return [];
  });
}

/**
 * SQL that would bring a database built from the migrations folder to the schema. The engine replays
 * the folder into a shadow database to know where it stands; "no drift" is the empty migration.
 */
export async function diffMigrationsToSchema(connectionString: string): Promise<string> {
  const [migrationsList, schema] = await Promise.all([readMigrationsFolder(), readSchema()]);
  return withEngine(connectionString, async (engine) => {
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return (result.stdout ?? '').trim();
  });
}

/** Writes a new migration folder from the diff, or returns null when the schema has not changed. */
export async function createMigration(connectionString: string, name: string): Promise<string | null> {
  const sql = await diffMigrationsToSchema(connectionString);
  if (sql === '' || sql === EMPTY_MIGRATION) return null;
  return writeMigration(name, `${sql}\n`);
}
