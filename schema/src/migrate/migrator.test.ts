import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseUrl,
  TEST_ADMIN_URL,
  type TestDatabase,
} from '../testing/test-database.ts';
import { applyMigrations, diffMigrationsToSchema, EMPTY_MIGRATION, pendingMigrations } from './migrator.ts';
import { readMigrationsFolder } from './migrations-folder.ts';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('apply every migration to an empty database and record them like prisma migrate deploy', async () => {
    const name = `hubtest_${Math.floor(Date.now() / 1000)}_empty${process.pid}`;
    const admin = new pg.Client({ connectionString: TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const url = databaseUrl(TEST_ADMIN_URL, name);
      const folder = await readMigrationsFolder();
      const applied = await applyMigrations(url);
      expect(applied).toEqual(folder.migrationDirectories.map((d) => d.path));
      expect(await pendingMigrations(url)).toEqual([]);
      expect(await applyMigrations(url)).toEqual([]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const tables = await client.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('Building','Reading','ExternalRef','_prisma_migrations')`,
      );
      await client.end();
      expect(tables.rows.map((r) => r.table_name).sort()).toEqual([
        'Building',
        'ExternalRef',
        'Reading',
        '_prisma_migrations',
      ]);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it('the migrations folder matches the Prisma schema (no drift)', async () => {
    expect(await diffMigrationsToSchema(db.url)).toBe(EMPTY_MIGRATION);
  });
});
