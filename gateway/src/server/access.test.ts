import { encodeGlobalID } from '@pothos/plugin-relay';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, subscribe, wsClient } from '../testing/graphql-clients.ts';
import { seedDistrict } from '../testing/seed-district.ts';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.ts';

let db: TestDatabase;
let gateway: TestGateway;
const triggered: { source: string; full: boolean; role: string }[] = [];
let tripId: string;
let openAlertId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const { agency } = await seedDistrict(db.prisma);
  const vehicle = await db.prisma.vehicle.create({
    data: {
      plate: '京A·00001',
      energyType: 'BEV',
      agencyId: agency.id,
      source: 'seed',
      externalId: 'v1',
      contentHash: 'v1',
    },
  });
  await db.prisma.vehiclePosition.create({
    data: {
      vehicleId: vehicle.id,
      time: new Date(),
      lon: 116.72,
      lat: 39.9,
      source: 'seed',
      externalId: 'p1',
    },
  });
  const trip = await db.prisma.trip.create({
    data: {
      vehicleId: vehicle.id,
      startedAt: new Date(),
      source: 'seed',
      externalId: 't1',
      contentHash: 't1',
    },
  });
  await db.prisma.source.create({ data: { id: 'office-space', kind: 'rest' } });
  tripId = encodeGlobalID('Trip', trip.id);
  const alert = await db.prisma.alert.findFirstOrThrow({ where: { status: 'OPEN' }, orderBy: { id: 'asc' } });
  openAlertId = encodeGlobalID('Alert', alert.id);
  gateway = await startTestGateway({
    databaseUrl: db.url,
    triggerSync: async (source, full, actor) => {
      triggered.push({ source, full, role: actor.role });
      return { jobId: `job-${triggered.length}` };
    },
  });
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const as = (role: 'INTEGRATOR' | 'OPERATOR' | 'ADMIN', query: string, variables?: Record<string, unknown>) =>
  postGraphQL<Record<string, unknown>>(gateway.url, gateway.keys[role], query, variables);

function denial(response: Awaited<ReturnType<typeof as>>) {
  return response.body.errors?.find((error) => error.extensions?.code === 'auth/forbidden');
}

describe('API keys and roles', () => {
  it('refuses a request without a key, or with an unknown key, before running anything', async () => {
    const none = await postGraphQL(gateway.url, undefined, '{ district { buildingCount } }');
    expect(none.status).toBe(401);
    expect(none.body.errors?.[0]?.extensions?.code).toBe('auth/unauthenticated');
    const forged = await postGraphQL(
      gateway.url,
      `dhk_000000000000_${'x'.repeat(32)}`,
      '{ district { buildingCount } }',
    );
    expect(forged.status).toBe(401);
  });

  it('stores only a hash of each key', async () => {
    const rows = await db.prisma.apiKey.findMany();
    for (const key of Object.values(gateway.keys)) {
      expect(rows.some((row) => row.hash === key || key.includes(row.hash))).toBe(false);
      expect(rows.some((row) => key.includes(row.prefix))).toBe(true);
    }
  });

  it('lets an integrator read but not see vehicle positions or trips, naming the role needed', async () => {
    const read = await as('INTEGRATOR', '{ vehicles { edges { node { plate energyType } } } }');
    expect(read.body.errors).toBeUndefined();
    const position = await as(
      'INTEGRATOR',
      '{ vehicles { edges { node { plate latestPosition { lon lat } } } } }',
    );
    expect(denial(position)?.message).toMatch(/requires role OPERATOR.*INTEGRATOR/);
    const trips = await as(
      'INTEGRATOR',
      '{ vehicles { edges { node { trips { edges { node { startedAt } } } } } } }',
    );
    expect(denial(trips)?.message).toMatch(/requires role OPERATOR/);
  });

  it('applies the same rules to node and nodes lookups', async () => {
    const query =
      'query($id: ID!) { node(id: $id) { id ... on Trip { startedAt } } nodes(ids: [$id]) { id } }';
    const integrator = await as('INTEGRATOR', query, { id: tripId });
    expect(denial(integrator)?.message).toMatch(/requires role OPERATOR/);
    expect((integrator.body.data as { node: unknown } | null)?.node ?? null).toBeNull();
    const operator = await as('OPERATOR', query, { id: tripId });
    expect(operator.body.errors).toBeUndefined();
    expect(operator.body.data).toMatchObject({ node: { id: tripId }, nodes: [{ id: tripId }] });
  });

  it('lets an operator see positions and acknowledge alerts, which an integrator may not', async () => {
    const position = await as('OPERATOR', '{ vehicles { edges { node { latestPosition { lon lat } } } } }');
    expect(position.body.data).toEqual({
      vehicles: { edges: [{ node: { latestPosition: { lon: 116.72, lat: 39.9 } } }] },
    });
    const mutation =
      'mutation($id: ID!) { acknowledgeAlert(id: $id) { __typename ... on Alert { status acknowledgedBy } ... on UserError { code message } } }';
    const refused = await as('INTEGRATOR', mutation, { id: openAlertId });
    expect(denial(refused)?.message).toMatch(/Mutation.acknowledgeAlert requires role OPERATOR/);
    const done = await as('OPERATOR', mutation, { id: openAlertId });
    expect(done.body.data?.acknowledgeAlert).toMatchObject({ __typename: 'Alert', status: 'ACKNOWLEDGED' });
    const again = await as('OPERATOR', mutation, { id: openAlertId });
    expect(again.body.data?.acknowledgeAlert).toMatchObject({
      __typename: 'InvalidInputError',
      code: 'request/invalid_input',
    });
    const wrongType = await as('OPERATOR', mutation, { id: tripId });
    expect(wrongType.body.data?.acknowledgeAlert).toMatchObject({ __typename: 'InvalidInputError' });
    const missing = await as('OPERATOR', mutation, { id: encodeGlobalID('Alert', 999_999) });
    expect(missing.body.data?.acknowledgeAlert).toMatchObject({
      __typename: 'NotFoundError',
      code: 'request/not_found',
    });
  });

  it('lets only an admin trigger syncs and read quarantined records', async () => {
    const mutation =
      'mutation($s: String!) { triggerSync(source: $s, full: true) { __typename ... on SyncTriggered { jobId full } ... on UserError { message } } }';
    const operator = await as('OPERATOR', mutation, { s: 'office-space' });
    expect(denial(operator)?.message).toMatch(/requires role ADMIN; this key has role OPERATOR/);
    expect(triggered).toEqual([]);
    const admin = await as('ADMIN', mutation, { s: 'office-space' });
    expect(admin.body.data?.triggerSync).toEqual({ __typename: 'SyncTriggered', jobId: 'job-1', full: true });
    expect(triggered).toEqual([{ source: 'office-space', full: true, role: 'ADMIN' }]);
    const unknown = await as('ADMIN', mutation, { s: 'nope' });
    expect(unknown.body.data?.triggerSync).toMatchObject({ __typename: 'NotFoundError' });
    const rejected = await as('OPERATOR', '{ rejectedRecords { edges { node { reason } } } }');
    expect(denial(rejected)?.message).toMatch(/requires role ADMIN/);
    expect(
      (await as('ADMIN', '{ rejectedRecords { edges { node { reason } } } }')).body.errors,
    ).toBeUndefined();
  });

  it('checks keys on the WebSocket too: no key closes the connection, a weak role is refused a subscription', async () => {
    const anonymous = wsClient(gateway.wsUrl, undefined);
    const closed = new Promise<number>((resolve) =>
      anonymous.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    expect(await closed).toBe(4403);
    await anonymous.dispose();

    const integrator = wsClient(gateway.wsUrl, gateway.keys.INTEGRATOR);
    const positions = subscribe(integrator, 'subscription { vehiclePositions { position { lon } } }');
    const first = await positions.next();
    expect(first.errors?.[0]?.message).toMatch(/requires role OPERATOR/);
    positions.close();
    await integrator.dispose();
  });
});
