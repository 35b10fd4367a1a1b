import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, subscribe, wsClient } from '../testing/graphql-clients.ts';
import { seedDistrict } from '../testing/seed-district.ts';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.ts';
import { sha256 } from './trusted-documents.ts';

const LIMITS = { maxDepth: 8, maxAliases: 10, maxCost: 5_000, bodyLimitBytes: 4_096 };
const TRUSTED_QUERY = 'query TwinBuildings { buildings(first: 5) { edges { node { code } } } }';

let db: TestDatabase;
let dev: TestGateway;
let production: TestGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDistrict(db.prisma);
  const manifests = mkdtempSync(join(tmpdir(), 'trusted-'));
  writeFileSync(join(manifests, 'viewer.json'), JSON.stringify({ [sha256(TRUSTED_QUERY)]: TRUSTED_QUERY }));
  dev = await startTestGateway({
    databaseUrl: db.url,
    options: { limits: LIMITS, trustedDocumentsDirs: [manifests] },
  });
  production = await startTestGateway({
    databaseUrl: db.url,
    redis: true,
    options: { production: true, rateLimit: { max: 3, windowMs: 60_000 } },
  });
});

afterAll(async () => {
  await Promise.all([dev?.close(), production?.close()]);
  await db?.drop();
});

const ask = (query: string, variables?: Record<string, unknown>, extensions?: Record<string, unknown>) =>
  postGraphQL(dev.url, dev.keys.INTEGRATOR, query, variables, extensions);

function nest(depth: number): string {
  let selection = 'code';
  for (let level = 0; level < depth; level += 1) {
    selection = level % 2 === 0 ? `floors { building { ${selection} } }` : selection;
  }
  return `{ building(code: "B001") { ${selection} } }`;
}

describe('operation guards', () => {
  it('refuses a depth bomb before execution, naming the depth limit', async () => {
    const response = await ask(nest(12));
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/exceeds the maximum depth of 8/),
      extensions: { code: 'request/too_complex', limit: 'depth', max: 8 },
    });
  });

  it('refuses an alias bomb, naming the alias limit', async () => {
    const aliases = Array.from({ length: 11 }, (_, i) => `a${i}: district { buildingCount }`).join(' ');
    // Twice: the second comes from Apollo's document cache, whose measure the guard remembers.
    for (const response of [await ask(`{ ${aliases} }`), await ask(`{ ${aliases} }`)]) {
      expect(response.status).toBe(400);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors?.[0]).toMatchObject({
        message: 'operation uses 11 aliases; the maximum is 10',
        extensions: { code: 'request/too_complex', limit: 'aliases', max: 10, actual: 11 },
      });
    }
  });

  it('refuses an over-budget query, costing page sizes given as variables', async () => {
    const query =
      'query($n: Int) { rooms(first: $n) { edges { node { number building { code floors { level } } } } } }';
    const cheap = await ask(query, { n: 10 });
    expect(cheap.body.errors).toBeUndefined();
    const costly = await ask(query, { n: 500 });
    expect(costly.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/exceeds the budget of 5000/),
      extensions: { code: 'request/too_complex', limit: 'cost', max: 5000 },
    });
  });

  it('refuses an oversized body with 413 and the limit', async () => {
    const response = await ask(`{ district { buildingCount } } # ${'x'.repeat(5_000)}`);
    expect(response.status).toBe(413);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'request/body_too_large',
      max: 4_096,
    });
  });

  it('refuses a depth bomb and an over-budget operation over WebSocket with the error HTTP gives', async () => {
    const costly =
      'query($n: Int) { rooms(first: $n) { edges { node { number building { code floors { level } } } } } }';
    const client = wsClient(dev.wsUrl, dev.keys.INTEGRATOR);
    for (const [query, variables, limit] of [
      [nest(12), undefined, 'depth'],
      [costly, { n: 500 }, 'cost'],
    ] as const) {
      const overHttp = (await ask(query, variables)).body.errors;
      expect(overHttp?.[0]?.extensions).toMatchObject({ code: 'request/too_complex', limit });
      const overWs = await subscribe(client, query, variables)
        .next()
        .then(
          () => undefined,
          (errors: unknown) => errors,
        );
      expect(overWs).toEqual(overHttp);
    }
    await client.dispose();
  });

  it('applies the same limits to subscriptions over WebSocket', async () => {
    const client = wsClient(dev.wsUrl, dev.keys.INTEGRATOR);
    const aliases = Array.from({ length: 11 }, (_, i) => `a${i}: change`).join(' ');
    const bomb = subscribe(client, `subscription { alertChanged { ${aliases} } }`);
    await expect(bomb.next()).rejects.toSatisfy((errors: unknown) =>
      JSON.stringify(errors).includes('the maximum is 10'),
    );
    await client.dispose();
  });

  it('serves a trusted document by its hash alone, and registers other queries by APQ', async () => {
    const trusted = await ask('', undefined, {
      persistedQuery: { version: 1, sha256Hash: sha256(TRUSTED_QUERY) },
    });
    expect(trusted.body.errors).toBeUndefined();
    expect((trusted.body.data as { buildings: { edges: unknown[] } }).buildings.edges).toHaveLength(3);
    const text = '{ district { roomCount } }';
    const hash = { persistedQuery: { version: 1, sha256Hash: sha256(text) } };
    expect((await ask('', undefined, hash)).body.errors?.[0]?.message).toBe('PersistedQueryNotFound');
    expect((await ask(text, undefined, hash)).body.errors).toBeUndefined();
    expect((await ask('', undefined, hash)).body.data).toEqual({
      district: { roomCount: await db.prisma.room.count() },
    });
  });
});

describe('production mode', () => {
  it('turns introspection and field suggestions off, and never sends stack traces', async () => {
    const key = production.keys.INTEGRATOR;
    const introspection = await postGraphQL(production.url, key, '{ __schema { types { name } } }');
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await postGraphQL(production.url, key, '{ buildingz { totalCount } }');
    expect(typo.body.errors?.[0]?.message).toBe('Cannot query field "buildingz" on type "Query".');
    expect(JSON.stringify([introspection.body, typo.body])).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it('rate-limits each key in Redis and says when to retry', async () => {
    const key = production.keys.OPERATOR;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await postGraphQL(production.url, key, '{ district { buildingCount } }')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const other = await postGraphQL(production.url, production.keys.ADMIN, '{ district { buildingCount } }');
    expect(other.status).toBe(200);
  });
});
