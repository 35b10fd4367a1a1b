import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  PostgresDriver,
  type DatabaseConnection,
  type Driver,
  type PostgresPool,
  type PostgresPoolClient,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';
import type { DB } from '../generated/kysely/database.ts';
import { SQL_VALUE_TYPES } from './sql-value-types.ts';

export type { DB };

/**
 * The hub's hand-written SQL: Kysely over the tables `prisma generate` describes (prisma-kysely), so a
 * column renamed in `schema.prisma` fails the typecheck of every query that reads it.
 */
export type SqlDb = Kysely<DB>;

/**
 * What a domain function that reads or writes with SQL takes: the pool's `SqlDb`, a `Transaction<DB>`
 * from `db.transaction()` (a `Kysely<DB>` too), or `sqlDbOnClient` on a connection the caller holds in
 * its own transaction. The function cannot tell which, and need not: `inTransaction` makes its work
 * atomic in each case.
 */
export type SqlExecutor = Kysely<DB>;

/** A held node-postgres client whose statements carry the hub's value parsers (`SQL_VALUE_TYPES`). */
function typedClient(client: pg.ClientBase, release: (destroy?: boolean) => void): PostgresPoolClient {
  return {
    get processID() {
      return (client as { processID?: number }).processID;
    },
    // Kysely calls the (sql, parameters) form only; the cursor form needs a `cursor` in the dialect.
    query: ((text: string, values: unknown[]) =>
      client.query({ text, values, types: SQL_VALUE_TYPES })) as unknown as PostgresPoolClient['query'],
    release,
  };
}

/**
 * Kysely on the pool the hub's database clients share (`createSqlPool`, which Prisma runs on through
 * its driver adapter), so hand-written SQL spends the same connection budget and statement timeout.
 * Each statement borrows a connection and returns it, as `pool.query` does; a `db.transaction()` keeps
 * one until it ends. The pool's owner ends it: `db.destroy()` leaves it open.
 */
export function createSqlDb(pool: pg.Pool): SqlDb {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const kyselyPool: PostgresPool = {
    options: pool.options,
    async connect() {
      const client = await pool.connect();
      let typed = clients.get(client);
      if (!typed) clients.set(client, (typed = typedClient(client, (destroy) => client.release(destroy))));
      return typed;
    },
    end: async () => {},
  };
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: kyselyPool }) });
}

/**
 * Transactions on a connection that is already inside the caller's transaction: each is a savepoint,
 * so work that fails rolls back alone and work that succeeds commits with the caller's COMMIT.
 * Isolation and access mode belong to the caller's BEGIN and cannot be set here.
 */
class SavepointDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    if (settings.isolationLevel || settings.accessMode)
      throw new Error('sqlDbOnClient: isolation and access mode are set by the BEGIN of the held connection');
    await connection.executeQuery(CompiledQuery.raw('SAVEPOINT kysely_on_client'));
  }

  override async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('RELEASE SAVEPOINT kysely_on_client'));
  }

  override async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK TO SAVEPOINT kysely_on_client'));
    await connection.executeQuery(CompiledQuery.raw('RELEASE SAVEPOINT kysely_on_client'));
  }
}

class HeldClientDialect extends PostgresDialect {
  constructor(private readonly pool: PostgresPool) {
    super({ pool });
  }

  override createDriver(): Driver {
    return new SavepointDriver({ pool: this.pool });
  }
}

/**
 * Kysely on ONE connection the caller holds and drives itself (BEGIN … COMMIT), as the sync writer
 * does: every statement goes to that connection, so it runs inside the caller's transaction and sees
 * its uncommitted rows; `db.transaction()` (and so `inTransaction`) becomes a savepoint within it. Use
 * it between the caller's BEGIN and COMMIT, one unit of work at a time (one connection runs one
 * statement at a time); a savepoint outside a transaction block fails at once. The caller ends the
 * connection: `db.destroy()` leaves it open.
 */
export function sqlDbOnClient(client: pg.ClientBase): SqlDb {
  const typed = typedClient(client, () => {});
  const pool: PostgresPool = { options: {}, connect: async () => typed, end: async () => {} };
  return new Kysely<DB>({ dialect: new HeldClientDialect(pool) });
}

/**
 * Runs `work` atomically: inside `db`'s transaction when it is one (the caller commits), else in a
 * transaction of its own (on a held connection, a savepoint). Domain functions that write more than one
 * statement go through this, so they are atomic whichever `SqlExecutor` they were given.
 */
export function inTransaction<T>(db: SqlExecutor, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
