import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { parseHubConfig } from '../../config/load-config.ts';
import { registerMapping } from '../../mappings/registry.ts';
import { text } from '../../mappings/field-readers.ts';
import { runSync } from '../../sync/run-sync.ts';

// The sql kind against the real databases: a MariaDB database and a PostgreSQL database of this test
// file's own, holding a legacy-style table (pinyin columns, Beijing local times, soft-delete flag).
registerMapping('test/units', {
  entity: 'Agency',
  externalIdOf: (r) => String(r.id),
  map: (r) =>
    String(r.scbz) === '1'
      ? { externalId: String(r.id), fields: {}, deleted: true }
      : { externalId: String(r.id), fields: { code: text(r, 'dwbm'), name: text(r, 'dwmc') } },
});

const ROWS = 2345;
const suffix = randomBytes(4).toString('hex');

interface Fixture {
  name: string;
  url: string;
  exec(sql: string, params?: unknown[]): Promise<void>;
  killReaders(): Promise<void>;
  close(): Promise<void>;
}

async function mariadb(): Promise<Fixture> {
  const admin = await mysql.createConnection({ uri: 'mysql://root@127.0.0.1:3306/test' });
  const db = `hubtest_sql_${suffix}`;
  await admin.query(`CREATE DATABASE ${db} CHARACTER SET utf8mb4`);
  await admin.query(`USE ${db}`);
  await admin.query(`CREATE TABLE t_dw (id INT PRIMARY KEY, dwbm CHAR(8) NOT NULL, dwmc VARCHAR(64) NOT NULL,
    scbz CHAR(1) NOT NULL DEFAULT '0', update_time DATETIME NOT NULL, KEY (update_time, id))`);
  return {
    name: 'MariaDB',
    url: `mysql://root@127.0.0.1:3306/${db}`,
    exec: async (sql, params = []) => void (await admin.query(sql, params)),
    killReaders: async () => {
      const [rows] = await admin.query(
        `SELECT id FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()`,
        [db],
      );
      for (const r of rows as { id: number }[]) await admin.query(`KILL ${r.id}`).catch(() => undefined);
    },
    close: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${db}`);
      await admin.end();
    },
  };
}

async function postgres(): Promise<Fixture> {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  const db = `hubtest_src_${suffix}`;
  await admin.query(`CREATE DATABASE ${db}`);
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${db}` });
  await client.connect();
  await client.query(`CREATE TABLE t_dw (id INT PRIMARY KEY, dwbm CHAR(8) NOT NULL, dwmc VARCHAR(64) NOT NULL,
    scbz CHAR(1) NOT NULL DEFAULT '0', update_time TIMESTAMP NOT NULL)`);
  await client.query(`CREATE INDEX ON t_dw (update_time, id)`);
  return {
    name: 'PostgreSQL',
    url: `postgres://postgres@127.0.0.1:5432/${db}`,
    exec: async (sql, params = []) => {
      let i = 0;
      await client.query(
        sql.replace(/\?/g, () => `$${++i}`),
        params,
      );
    },
    killReaders: async () => {
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> $2`,
        [db, (client as unknown as { processID: number }).processID],
      );
    },
    close: async () => {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.end();
    },
  };
}

function configFor(fixture: Fixture) {
  const yaml = `
version: 1
sources:
  units-db:
    batchSize: 500
    connectors:
      - kind: sql
        connection: { driver: ${fixture.url.startsWith('mysql') ? 'mysql' : 'postgres'}, url: '${fixture.url}' }
        streams:
          - { name: units, table: t_dw, primaryKey: id, cursorField: update_time, pageSize: 300, mapping: test/units }
`;
  return parseHubConfig(yaml, 'test.hub.config.yaml');
}

describe.each([
  ['MariaDB', mariadb],
  ['PostgreSQL', postgres],
] as const)('sql kind on %s', (_name, open) => {
  let fixture: Fixture;
  let hub: TestDatabase;
  let count: () => Promise<number>;

  beforeAll(async () => {
    fixture = await open();
    // Many rows share one update_time: keyset paging must neither skip nor repeat across page edges.
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let id = 1; id <= ROWS; id += 1) {
      tuples.push('(?, ?, ?, ?)');
      values.push(id, `DW${String(id).padStart(4, '0')}`, `单位${id}`, `2025-11-0${1 + (id % 3)} 08:00:00`);
    }
    await fixture.exec(`INSERT INTO t_dw (id, dwbm, dwmc, update_time) VALUES ${tuples.join(',')}`, values);
    hub = await createTestDatabase();
    count = async () => Number(await hub.prisma.agency.count({ where: { deletedAt: null } }));
  });
  afterAll(async () => {
    await fixture?.close();
    await hub?.drop();
  });

  it('pages by keyset over ties, then writes only what changed, then applies reported deletes', async () => {
    const config = configFor(fixture);
    const first = await runSync({ databaseUrl: hub.url, config, source: 'units-db', full: true });
    expect(first.status, first.error?.message).toBe('SUCCEEDED');
    expect(first.read).toBe(ROWS);
    expect(first.written).toBe(ROWS);
    expect(await count()).toBe(ROWS);

    const second = await runSync({ databaseUrl: hub.url, config, source: 'units-db' });
    expect(second.read).toBe(0);
    expect(second.written).toBe(0);

    await fixture.exec(
      `UPDATE t_dw SET dwmc = CONCAT(dwmc, '（改）'), update_time = '2025-12-01 09:00:00' WHERE id <= 10`,
    );
    await fixture.exec(`UPDATE t_dw SET scbz = '1', update_time = '2025-12-01 09:00:01' WHERE id = 2000`);
    const third = await runSync({ databaseUrl: hub.url, config, source: 'units-db' });
    expect(third).toMatchObject({ read: 11, written: 10, deleted: 1, status: 'SUCCEEDED' });
    expect(await count()).toBe(ROWS - 1);
    const cursor = await hub.prisma.syncCursor.findFirst({
      where: { sourceId: 'units-db', stream: 'units' },
    });
    expect(cursor?.cursor).toEqual({ value: '2025-12-01 09:00:01', key: 2000 });
  });

  it('a source dropped mid-sync leaves a FAILED run and the next run reaches the same totals', async () => {
    const config = configFor(fixture);
    const before = await count();
    await fixture.exec(
      `UPDATE t_dw SET dwmc = CONCAT(dwmc, '!'), update_time = '2025-12-02 10:00:00' WHERE id > 100 AND id <= 1600`,
    );
    let batches = 0;
    const failed = await runSync({
      databaseUrl: hub.url,
      config,
      source: 'units-db',
      // Awaited by the run: the readers are gone before the next batch commits.
      onProgress: async (p) => {
        if (p.phase === 'reading' && ++batches === 1) await fixture.killReaders();
      },
    });
    expect(failed.status).toBe('FAILED');
    expect(failed.error?.code).toMatch(/^connector\//);
    expect(failed.written).toBeGreaterThan(0);
    expect(failed.written).toBeLessThan(1500);
    const next = await runSync({ databaseUrl: hub.url, config, source: 'units-db' });
    expect(next.status, next.error?.message).toBe('SUCCEEDED');
    expect(failed.written + next.written).toBe(1500);
    expect(await count()).toBe(before);
    const changed = await hub.prisma.agency.count({ where: { name: { endsWith: '!' } } });
    expect(changed).toBe(1500);
  });
});
