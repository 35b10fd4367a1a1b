import { encodeGlobalID } from '@pothos/plugin-relay';
import type { AlertSeverity, AlertStatus, TransferStatus } from '@district-hub/schema';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../testing/graphql-clients.ts';
import { seedDistrict } from '../testing/seed-district.ts';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.ts';

let db: TestDatabase;
let gateway: TestGateway;
const seed = { source: 'seed', contentHash: 'x' };
const DAY = 86_400_000;
const t0 = new Date('2026-03-01T00:00:00Z');
const SEVERITIES: AlertSeverity[] = ['CRITICAL', 'MAJOR', 'MINOR', 'WARNING', 'INFO'];
const STATUSES: AlertStatus[] = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'];
const TRANSFER_STATUSES: TransferStatus[] = ['REQUESTED', 'APPROVED', 'REJECTED', 'COMPLETED'];

beforeAll(async () => {
  db = await createTestDatabase();
  const { agency, buildings } = await seedDistrict(db.prisma);
  // Alerts spread over severities, statuses, buildings and ten days, one of them soft-deleted.
  await db.prisma.alert.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({
      ...seed,
      externalId: `alert-${i}`,
      severity: SEVERITIES[i % SEVERITIES.length]!,
      status: STATUSES[i % STATUSES.length]!,
      kind: 'THRESHOLD',
      message: `alert ${i}`,
      dedupeKey: `alert-${i}`,
      raisedAt: new Date(t0.getTime() + (i % 10) * DAY),
      lastSeenAt: new Date(t0.getTime() + (i % 10) * DAY),
      buildingId: buildings[i % buildings.length]!.id,
      deletedAt: i === 7 ? t0 : null,
    })),
  });
  const other = await db.prisma.agency.create({
    data: { ...seed, externalId: 'ag2', code: 'AG-2', name: '区财政局' },
  });
  const asset = await db.prisma.asset.create({
    data: { ...seed, externalId: 'a1', tag: 'ZC-1', name: '办公桌', classCode: 'A060101', status: 'IN_USE' },
  });
  await db.prisma.assetTransfer.createMany({
    data: Array.from({ length: 9 }, (_, i) => ({
      ...seed,
      externalId: `transfer-${i}`,
      assetId: asset.id,
      fromAgencyId: agency.id,
      toAgencyId: other.id,
      status: TRANSFER_STATUSES[i % TRANSFER_STATUSES.length]!,
      reason: `调剂 ${i}`,
      requestedAt: new Date(t0.getTime() + i * DAY),
      deletedAt: i === 4 ? t0 : null,
    })),
  });
  gateway = await startTestGateway({ databaseUrl: db.url });
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

type Page = {
  totalCount?: number;
  edges: { node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

/** `list` is a connection field taking `$after`; `declarations` declares any other variables it uses. */
async function page(list: string, declarations: string, variables: Record<string, unknown>): Promise<Page> {
  const counted = list.startsWith('alerts') ? 'totalCount' : '';
  const response = await postGraphQL<Record<string, Page>>(
    gateway.url,
    gateway.keys.INTEGRATOR,
    `query($after: String ${declarations}) { list: ${list} { ${counted} edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
    variables,
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.list!;
}

/** Walks every page of `first` rows and returns the global IDs in the order the API gave them. */
async function allIds(list: string, declarations: string, variables: Record<string, unknown>) {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const result = await page(list, declarations, { ...variables, after });
    ids.push(...result.edges.map((edge) => edge.node.id));
    if (!result.pageInfo.hasNextPage) return { ids, totalCount: result.totalCount };
    after = result.pageInfo.endCursor;
  }
}

describe('alerts(filter)', () => {
  const cases: { name: string; filter: Record<string, unknown> }[] = [
    { name: 'severity', filter: { severity: ['CRITICAL', 'MINOR'] } },
    { name: 'since', filter: { since: new Date(t0.getTime() + 6 * DAY).toISOString() } },
    {
      name: 'severity, since, status and building together',
      filter: {
        severity: ['MAJOR', 'WARNING'],
        since: new Date(t0.getTime() + 2 * DAY).toISOString(),
        status: ['OPEN', 'RESOLVED'],
        building: 'B002',
      },
    },
  ];
  for (const { name, filter } of cases) {
    it(`returns exactly the rows matching ${name}, newest first, over stable pages`, async () => {
      const rows = await db.prisma.alert.findMany({
        where: {
          deletedAt: null,
          ...(filter.severity ? { severity: { in: filter.severity as AlertSeverity[] } } : {}),
          ...(filter.status ? { status: { in: filter.status as AlertStatus[] } } : {}),
          ...(filter.building ? { building: { code: filter.building as string } } : {}),
          ...(filter.since ? { raisedAt: { gte: new Date(filter.since as string) } } : {}),
        },
        orderBy: { id: 'desc' },
      });
      expect(rows.length).toBeGreaterThan(0);
      const listed = await allIds(
        'alerts(filter: $filter, first: 4, after: $after)',
        '$filter: AlertFilter',
        {
          filter,
        },
      );
      expect(listed).toEqual({
        ids: rows.map((row) => encodeGlobalID('Alert', row.id)),
        totalCount: rows.length,
      });
    });
  }

  it('returns the fields of a matching alert as the database holds them', async () => {
    const row = await db.prisma.alert.findFirstOrThrow({
      where: { severity: 'CRITICAL', deletedAt: null },
      include: { building: true },
      orderBy: { id: 'desc' },
    });
    const response = await postGraphQL<{ alerts: { edges: { node: Record<string, unknown> }[] } }>(
      gateway.url,
      gateway.keys.INTEGRATOR,
      'query($since: DateTime) { alerts(first: 1, filter: { severity: [CRITICAL], since: $since }) { edges { node { severity status message raisedAt building { code } } } } }',
      { since: row.raisedAt.toISOString() },
    );
    expect(response.body.data?.alerts.edges).toEqual([
      {
        node: {
          severity: 'CRITICAL',
          status: row.status,
          message: row.message,
          raisedAt: row.raisedAt.toISOString(),
          building: { code: row.building!.code },
        },
      },
    ]);
  });
});

describe('assetTransfers', () => {
  it('lists every transfer the database holds, newest first, over stable pages', async () => {
    const rows = await db.prisma.assetTransfer.findMany({
      where: { deletedAt: null },
      orderBy: { id: 'desc' },
    });
    const listed = await allIds('assetTransfers(first: 2, after: $after)', '', {});
    expect(listed.ids).toEqual(rows.map((row) => encodeGlobalID('AssetTransfer', row.id)));
  });

  it('filters by status and returns each transfer with its asset and agencies', async () => {
    const rows = await db.prisma.assetTransfer.findMany({
      where: { deletedAt: null, status: { in: ['REQUESTED', 'REJECTED'] } },
      orderBy: { id: 'desc' },
    });
    const response = await postGraphQL<{ assetTransfers: { edges: { node: Record<string, unknown> }[] } }>(
      gateway.url,
      gateway.keys.INTEGRATOR,
      '{ assetTransfers(status: [REQUESTED, REJECTED]) { edges { node { status reason requestedAt asset { tag } fromAgency { code } toAgency { code } } } } }',
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.assetTransfers.edges).toEqual(
      rows.map((row) => ({
        node: {
          status: row.status,
          reason: row.reason,
          requestedAt: row.requestedAt.toISOString(),
          asset: { tag: 'ZC-1' },
          fromAgency: { code: 'AG-1' },
          toAgency: { code: 'AG-2' },
        },
      })),
    );
  });
});
