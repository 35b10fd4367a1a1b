/**
 * `@district-hub/schema/database`: opening the hub's database (embedded or `DATABASE_URL`), the pg
 * pool, the Prisma client and Kysely on it (hand-written SQL, see README.md here), and the migrations.
 */
export { openDatabase, type Database, type DatabaseOptions } from './database-factory.ts';
export { createPrismaClient, type PrismaClient, type PrismaClientOptions } from './prisma-client.ts';
export { createSqlPool, type SqlPoolOptions } from './sql-pool.ts';
export {
  createSqlDb,
  sqlDbOnClient,
  inTransaction,
  type DB,
  type SqlDb,
  type SqlExecutor,
} from './sql-db.ts';
export {
  COUNT_ROWS,
  countRowsWhere,
  instant,
  likePrefix,
  localDate,
  secondsBetween,
  unnestRows,
  type UnnestColumn,
} from './sql-expressions.ts';
export { preparedQuery, type PreparedQuery, type ValueOf } from './prepared-query.ts';
export { checkConnection, describeTarget } from './connection-check.ts';
export { unappliedMigrations } from '../migrate/migration-status.ts';
export { applyMigrations } from '../migrate/migrator.ts';
