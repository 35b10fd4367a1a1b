import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';

export const SCHEMA_PATH = new URL('../../prisma/schema.prisma', import.meta.url).pathname;
export const MIGRATIONS_DIR = new URL('../../prisma/migrations', import.meta.url).pathname;
const LOCKFILE = 'migration_lock.toml';

/** Reads `prisma/migrations/<timestamp>_<name>/migration.sql` in order, the layout `prisma migrate deploy` reads too. */
export async function readMigrationsFolder(baseDir = MIGRATIONS_DIR): Promise<MigrationList> {
  await mkdir(baseDir, { recursive: true });
  const entries = await readdir(baseDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(join(baseDir, name, 'migration.sql'), 'utf8') },
      },
    })),
  );
  const lockContent = await readFile(join(baseDir, LOCKFILE), 'utf8').catch(() => null);
  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

export async function writeMigration(name: string, sql: string, baseDir = MIGRATIONS_DIR): Promise<string> {
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const folder = `${stamp}_${name.replace(/[^a-zA-Z0-9_]/g, '_')}`;
  await mkdir(join(baseDir, folder), { recursive: true });
  await writeFile(join(baseDir, folder, 'migration.sql'), sql);
  return folder;
}

export async function readSchema(): Promise<{ path: string; content: string }> {
  return { path: SCHEMA_PATH, content: await readFile(SCHEMA_PATH, 'utf8') };
}
