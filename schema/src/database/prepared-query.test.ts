import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { preparedQuery } from './prepared-query.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.sql
    .insertInto('Agency')
    .values(
      ['A-1', 'A-2', 'B-1', 'B-2', 'B-3'].map((code) => ({
        code,
        name: code,
        adminLevel: code.startsWith('A') ? ('CENTRAL' as const) : ('MUNICIPAL' as const),
        source: 'test',
        externalId: code,
        contentHash: code,
      })),
    )
    .execute();
});

afterAll(() => database.drop());

/** Agencies of one level, or of any, by code, at most `limit`. */
const agencies = preparedQuery<
  { byLevel: boolean; descending: boolean },
  { level: 'CENTRAL' | 'MUNICIPAL'; limit: number },
  { code: string }
>(
  (shape) => JSON.stringify(shape),
  (db, shape, value) =>
    db
      .selectFrom('Agency')
      .select('code')
      .$if(shape.byLevel, (query) => query.where('adminLevel', '=', value('level')))
      .orderBy('code', shape.descending ? 'desc' : 'asc')
      .limit(value('limit')),
);

describe('preparedQuery', () => {
  it('answers every call with its own values, and a new shape with a statement of its own', async () => {
    const codes = async (...args: Parameters<typeof agencies.execute>) =>
      (await agencies.execute(...args)).map((row) => row.code);
    const db = database.sql;
    expect(await codes(db, { byLevel: true, descending: false }, { level: 'CENTRAL', limit: 5 })).toEqual([
      'A-1',
      'A-2',
    ]);
    expect(await codes(db, { byLevel: true, descending: false }, { level: 'MUNICIPAL', limit: 2 })).toEqual([
      'B-1',
      'B-2',
    ]);
    expect(await codes(db, { byLevel: false, descending: true }, { level: 'CENTRAL', limit: 3 })).toEqual([
      'B-3',
      'B-2',
      'B-1',
    ]);
  });

  it('compiles a shape once and sends the SQL a statement built for the call alone would send', () => {
    const shape = { byLevel: true, descending: false };
    const first = agencies.compile(database.sql, shape, { level: 'CENTRAL', limit: 5 });
    const second = agencies.compile(database.sql, shape, { level: 'MUNICIPAL', limit: 2 });
    const alone = agencies.query(database.sql, shape, { level: 'MUNICIPAL', limit: 2 }).compile();
    expect(second.query).toBe(first.query);
    expect(second.sql).toBe(alone.sql);
    expect(second.parameters).toEqual(alone.parameters);
  });
});
