import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { createPrismaClient, type PrismaClient } from '../database/prisma-client.ts';
import { createSqlDb, type SqlDb } from '../database/sql-db.ts';
import { createSqlPool } from '../database/sql-pool.ts';
import { MIGRATIONS_DIR } from '../migrate/migrations-folder.ts';
import { applyMigrations } from '../migrate/migrator.ts';

export interface TestDatabase {
  /** Connection string of the fresh database. */
  url: string;
  name: string;
  prisma: PrismaClient;
  /** Kysely on the pool `prisma` runs on (four connections), as the hub opens them. */
  sql: SqlDb;
  /** That pool, for tests that need node-postgres itself. */
  pool: pg.Pool;
  /** Disconnects and drops the database. */
  drop(): Promise<void>;
}

/** The server tests create their databases on; the local PostgreSQL unless TEST_DATABASE_URL says otherwise. */
export const TEST_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PREFIX = 'hubtest_';
const STALE_AFTER_SECONDS = 3 * 3600;

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function migrationsFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  const names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  for (const name of names)
    hash.update(name).update(await readFile(join(MIGRATIONS_DIR, name, 'migration.sql')));
  return hash.digest('hex').slice(0, 16);
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Migrating a database takes about a second; cloning a migrated template takes a few milliseconds.
 * The template is keyed by the migrations' content, so a new migration builds a new one, and an
 * advisory lock makes parallel test files build it once.
 */
async function ensureTemplate(admin: pg.Client): Promise<string> {
  const template = `hubtpl_${await migrationsFingerprint()}`;
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
  if (exists.rowCount) return template;
  const building = `${template}_building`;
  await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${building}"`);
  await applyMigrations(databaseUrl(TEST_ADMIN_URL, building));
  // The engine's pool may still hold idle connections, and a database in use cannot be renamed.
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [building]);
  await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
  return template;
}

async function dropStaleDatabases(admin: pg.Client): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const rows = await admin.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE datname LIKE $1',
    [`${PREFIX}%`],
  );
  for (const { datname } of rows.rows) {
    const created = Number(datname.split('_')[1]);
    if (created && now - created > STALE_AFTER_SECONDS) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  }
}

/** A fresh database migrated to the current schema, for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(5).toString('hex')}`;
  await withAdmin(async (admin) => {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', ['district-hub-test-template']);
    try {
      const template = await ensureTemplate(admin);
      await dropStaleDatabases(admin);
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', ['district-hub-test-template']);
    }
  });
  const url = databaseUrl(TEST_ADMIN_URL, name);
  const pool = createSqlPool(url, { max: 4 });
  const prisma = createPrismaClient(url, { pool });
  return {
    url,
    name,
    prisma,
    sql: createSqlDb(pool),
    pool,
    drop: async () => {
      await prisma.$disconnect();
      await pool.end();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
