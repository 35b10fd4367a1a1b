import { checkConnection, ensureDatabase } from './connection-check.ts';
import type { EmbeddedServer } from './embedded-postgres.ts';
import { unappliedMigrations } from '../migrate/migration-status.ts';
import { applyMigrations } from '../migrate/migrator.ts';

export interface DatabaseOptions {
  /** A PostgreSQL to use; unset runs the embedded server. Default `process.env.DATABASE_URL`. */
  databaseUrl?: string;
  /** Local state folder of the embedded server. Default `process.env.DATA_DIR ?? './.data'`. */
  dataDir?: string;
  /** Name of the hub's database inside the embedded server. Default `hub`. */
  databaseName?: string;
  /** Apply pending migrations before returning. Default true. */
  migrate?: boolean;
  log?: (line: string) => void;
}

export interface Database {
  url: string;
  /** The embedded server, when the hub runs one; it can hold other databases (the demo's simulators). */
  embedded: EmbeddedServer | null;
  appliedMigrations: string[];
  /** A database beside the hub's on the same server (created if missing), e.g. a simulator's. */
  siblingUrl(name: string): Promise<string>;
  stop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

/**
 * The one database factory: DATABASE_URL set → that PostgreSQL; unset → an embedded real PostgreSQL
 * under `./.data/pg` (or, as root, where its OS user can reach it, said in one `log` line). Either way the connection is checked first, so a wrong URL stops start-up with
 * one line, and pending migrations are applied.
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const external = options.databaseUrl ?? process.env.DATABASE_URL;
  const log = options.log ?? (() => undefined);
  let embedded: EmbeddedServer | null = null;
  let url: string;
  if (external) {
    await checkConnection(external);
    url = external;
  } else {
    // Loaded only when needed: a process that opens a database by URL has no use for the server's code.
    const { startEmbeddedPostgres } = await import('./embedded-postgres.ts');
    embedded = await startEmbeddedPostgres({ dataDir: options.dataDir ?? process.env.DATA_DIR });
    if (embedded.relocation) log(embedded.relocation);
    if (embedded.recoveredOrphan)
      log('stopped a database server left by a hub that was killed; its data is intact');
    url = withDatabase(embedded.adminUrl, options.databaseName ?? 'hub');
    await ensureDatabase(embedded.adminUrl, options.databaseName ?? 'hub');
  }
  try {
    // Starting the schema engine costs seconds; a cheap look at _prisma_migrations says whether it is needed.
    const needsMigrating = options.migrate !== false && (await unappliedMigrations(url)).length > 0;
    const appliedMigrations = needsMigrating ? await applyMigrations(url) : [];
    return {
      url,
      embedded,
      appliedMigrations,
      siblingUrl: async (name) => {
        await ensureDatabase(embedded?.adminUrl ?? url, name);
        return withDatabase(url, name);
      },
      stop: async () => {
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
