import { applyMigrations, createMigration } from './migrator.ts';

// `npm run db:migrate` and `npm run db:migration -- <name>`: DATABASE_URL names the database to apply to,
// or, for a new migration, any PostgreSQL server where a shadow database may be created.
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const url = process.env.DATABASE_URL ?? DEFAULT_URL;
  if (command === 'apply') {
    const applied = await applyMigrations(url);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } else if (command === 'create' && name) {
    const folder = await createMigration(url, name);
    console.log(
      folder ? `wrote prisma/migrations/${folder}/migration.sql` : 'schema unchanged: no migration written',
    );
  } else {
    console.error('usage: db:migrate | db:migration -- <name>');
    process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
