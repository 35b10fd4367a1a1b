import pg from 'pg';
import { readMigrationsFolder } from './migrations-folder.ts';

/** What the status query needs: a pool (`/readyz` reuses the hub's) or a connection string. */
type Database = string | Pick<pg.Pool, 'query'>;

/**
 * Migrations in the folder that the database has not recorded as finished. Reads
 * `_prisma_migrations` directly, so `/readyz` can ask without starting the schema engine; given a
 * pool it asks on one of the pool's connections instead of opening a client per probe.
 */
export async function unappliedMigrations(database: Database): Promise<string[]> {
  const folder = await readMigrationsFolder();
  const client = typeof database === 'string' ? new pg.Client({ connectionString: database }) : undefined;
  await client?.connect();
  try {
    const done = await (client ?? (database as Pick<pg.Pool, 'query'>))
      .query<{ migration_name: string }>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      )
      .catch(() => ({ rows: [] as { migration_name: string }[] }));
    const applied = new Set(done.rows.map((r) => r.migration_name));
    return folder.migrationDirectories.map((d) => d.path).filter((name) => !applied.has(name));
  } finally {
    await client?.end();
  }
}
