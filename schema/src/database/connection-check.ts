import pg from 'pg';
import { HubError } from '../errors/hub-error.ts';

/** Where a connection string points, with the password left out, for messages a person reads. */
export function describeTarget(connectionString: string): string {
  const url = new URL(connectionString);
  return `${url.username || 'postgres'}@${url.hostname}:${url.port || 5432}${url.pathname}`;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * Connects once and turns the failures newcomers meet into one line that says which and where:
 * an unreachable host, a refused password, a database that does not exist.
 */
export async function checkConnection(connectionString: string, label = 'DATABASE_URL'): Promise<void> {
  const target = describeTarget(connectionString);
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const reason = (error as Error).message;
    if (UNREACHABLE.has(code) || /timeout/i.test(reason)) {
      throw new HubError(
        'database/unreachable',
        `${label}: cannot reach PostgreSQL at ${target} (${code || reason})`,
        {
          details: { target, code },
          cause: error,
        },
      );
    }
    if (code === '28P01' || code === '28000') {
      throw new HubError(
        'database/auth_failed',
        `${label}: PostgreSQL at ${target} refused the credentials (${reason})`,
        {
          details: { target, code },
          cause: error,
        },
      );
    }
    throw new HubError('database/unreachable', `${label}: PostgreSQL at ${target} failed: ${reason}`, {
      details: { target, code },
      cause: error,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates a database on the server if it is missing (the embedded server starts with `postgres` only). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
