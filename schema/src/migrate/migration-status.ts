import pg from 'pg';
import { readMigrationsFolder } from './migrations-folder.ts';

/**
 * Migrations in the folder that the database has not recorded as finished. Reads
 * `_prisma_migrations` directly, so `/readyz` can ask on every probe without starting the schema engine.
 */
export async function unappliedMigrations(connectionString: string): Promise<string[]> {
  const folder = await readMigrationsFolder();
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const done = await client
      .query<{ migration_name: string }>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      )
      .catch(() => ({ rows: [] as { migration_name: string }[] }));
    const applied = new Set(done.rows.map((r) => r.migration_name));
    return folder.migrationDirectories.map((d) => d.path).filter((name) => !applied.has(name));
  } finally {
    await client.end();
  }
}
