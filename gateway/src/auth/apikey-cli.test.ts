import { encodeGlobalID } from '@pothos/plugin-relay';
import { runHubCli } from '@district-hub/jobs/testing';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../testing/graphql-clients.ts';
import { seedDistrict } from '../testing/seed-district.ts';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.ts';

// `npx hub apikey …` run as an administrator runs it, against this test's database, and the key it
// prints used at a gateway on that database. The gateway remembers no verified key (authCacheMs 0),
// so a revocation shows at once instead of after the 30 s cache.
let db: TestDatabase;
let gateway: TestGateway;
let env: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDistrict(db.prisma);
  await db.prisma.source.create({ data: { id: 'office-space', kind: 'rest' } });
  gateway = await startTestGateway({ databaseUrl: db.url, options: { authCacheMs: 0 } });
  env = { DATABASE_URL: db.url };
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const acknowledge =
  'mutation($id: ID!) { acknowledgeAlert(id: $id) { __typename ... on Alert { status acknowledgedBy } } }';
const triggerSync = 'mutation { triggerSync(source: "office-space") { __typename } }';

describe('npx hub apikey', () => {
  it('creates an operator key that works at the gateway with that role, stored only as a hash, until revoked', async () => {
    const created = await runHubCli(
      ['apikey', 'create', '--role', 'operator', '--name', 'control room'],
      env,
    );
    expect(created.code, created.err).toBe(0);
    const key = created.out.trim();
    const [, prefix] = /^dhk_([0-9a-f]+)_\S+$/.exec(key) ?? [];
    expect(prefix, created.out).toBeDefined();
    expect(created.err).toContain(`created OPERATOR key "control room" (prefix ${prefix})`);

    const row = await db.prisma.apiKey.findUniqueOrThrow({ where: { prefix } });
    expect(row).toMatchObject({ role: 'OPERATOR', name: 'control room', revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(key.slice(`dhk_${prefix}_`.length));

    const alert = await db.prisma.alert.findFirstOrThrow({ where: { status: 'OPEN' } });
    const acknowledged = await postGraphQL(gateway.url, key, acknowledge, {
      id: encodeGlobalID('Alert', alert.id),
    });
    expect(acknowledged.body.data?.acknowledgeAlert).toEqual({
      __typename: 'Alert',
      status: 'ACKNOWLEDGED',
      acknowledgedBy: `control room (key ${row.id})`,
    });
    const sync = await postGraphQL(gateway.url, key, triggerSync);
    expect(sync.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/requires role ADMIN/),
      extensions: { code: 'auth/forbidden' },
    });

    const revoked = await runHubCli(['apikey', 'revoke', prefix!], env);
    expect(revoked.code, revoked.err).toBe(0);
    expect(revoked.out.trim()).toBe(`revoked ${prefix}`);
    const refused = await postGraphQL(gateway.url, key, '{ district { buildingCount } }');
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]).toMatchObject({
      message: 'the API key is unknown, revoked or expired',
      extensions: { code: 'auth/unauthenticated' },
    });
    const again = await runHubCli(['apikey', 'revoke', prefix!], env);
    expect(again.code).toBe(1);
    expect(again.out.trim()).toBe(`no active key with prefix ${prefix}`);
  });

  it('creates a key that expires, lists it with its expiry, and the gateway refuses it once expired', async () => {
    const created = await runHubCli(
      ['apikey', 'create', '--role', 'integrator', '--name', 'quarterly export', '--expires', '90d'],
      env,
    );
    expect(created.code, created.err).toBe(0);
    const key = created.out.trim();
    const prefix = /^dhk_([0-9a-f]+)_/.exec(key)![1]!;
    const row = await db.prisma.apiKey.findUniqueOrThrow({ where: { prefix } });
    const ninetyDays = 90 * 86_400_000;
    expect(Math.abs(row.expiresAt!.getTime() - row.createdAt.getTime() - ninetyDays)).toBeLessThan(60_000);
    expect(created.err).toContain(`it expires ${row.expiresAt!.toISOString().replace(/\.\d{3}Z$/, 'Z')}`);
    expect((await postGraphQL(gateway.url, key, '{ district { buildingCount } }')).status).toBe(200);

    await db.prisma.apiKey.update({ where: { prefix }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const refused = await postGraphQL(gateway.url, key, '{ district { buildingCount } }');
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'auth/unauthenticated' });

    const listed = await runHubCli(['apikey', 'list'], env);
    expect(listed.code, listed.err).toBe(0);
    const line = listed.out.split('\n').find((text) => text.includes(prefix));
    expect(line).toMatch(/quarterly export.*INTEGRATOR.*expired \d{4}-\d\d-\d\dT/);
    expect(listed.out).not.toContain(key);
    const bad = await runHubCli(['apikey', 'create', '--role', 'integrator', '--expires', 'soon'], env);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--expires must be a duration such as 90d/);
  });

  it('refuses an unknown role, naming the roles there are', async () => {
    const result = await runHubCli(['apikey', 'create', '--role', 'superuser'], env);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/integrator.*operator.*admin/i);
    expect(await db.prisma.apiKey.count({ where: { name: 'unnamed' } })).toBe(0);
  });
});
