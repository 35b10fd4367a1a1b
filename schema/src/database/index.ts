/**
 * `@district-hub/schema/database`: opening the hub's database (embedded or `DATABASE_URL`), the pg
 * pool and the Prisma client on it, and the migrations.
 */
export { openDatabase, type Database, type DatabaseOptions } from './database-factory.ts';
export { createPrismaClient, type PrismaClient, type PrismaClientOptions } from './prisma-client.ts';
export { createSqlPool, type SqlClient, type SqlPoolOptions } from './sql-pool.ts';
export { checkConnection, describeTarget } from './connection-check.ts';
export { unappliedMigrations } from '../migrate/migration-status.ts';
export { applyMigrations } from '../migrate/migrator.ts';
