import { encodeGlobalID } from '@pothos/plugin-relay';
import { ACTIVE_ALERT_WHERE } from '@district-hub/schema';
import { describe, expect, it } from 'vitest';
import { postGraphQL } from '../testing/graphql-clients.ts';
import { useSeededGateway } from '../testing/seeded-gateway.ts';

const seeded = useSeededGateway();

describe('alert handling and operations endpoints', () => {
  it('raises a work order from an alert, then resolves the alert with a note', async () => {
    const alert = await seeded.db.prisma.alert.findFirstOrThrow({ where: { status: 'OPEN' } });
    const id = encodeGlobalID('Alert', alert.id);
    const order = await postGraphQL(
      seeded.gateway.url,
      seeded.gateway.keys.OPERATOR,
      'mutation($id: ID!) { createWorkOrder(fromAlert: $id, priority: 2) { __typename ... on WorkOrder { priority status alert { id } building { code } } } }',
      { id },
    );
    expect(order.body.data?.createWorkOrder).toMatchObject({
      __typename: 'WorkOrder',
      priority: 2,
      status: 'OPEN',
      alert: { id },
    });
    const badPriority = await postGraphQL(
      seeded.gateway.url,
      seeded.gateway.keys.OPERATOR,
      'mutation($id: ID!) { createWorkOrder(fromAlert: $id, priority: 9) { __typename ... on InvalidInputError { field } } }',
      { id },
    );
    expect(badPriority.body.data?.createWorkOrder).toEqual({
      __typename: 'InvalidInputError',
      field: 'priority',
    });
    const resolved = await postGraphQL(
      seeded.gateway.url,
      seeded.gateway.keys.OPERATOR,
      'mutation($id: ID!) { resolveAlert(id: $id, note: "valve replaced") { ... on Alert { status resolutionNote workOrders { priority } } } }',
      { id },
    );
    expect(resolved.body.data?.resolveAlert).toEqual({
      status: 'RESOLVED',
      resolutionNote: 'valve replaced',
      workOrders: [{ priority: 2 }],
    });
    const row = await seeded.db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(row.resolvedBy).toMatch(/test operator/);
  });

  it('lists to an admin alerts by status and building, sources with their last run, and sync runs newest first', async () => {
    await seeded.db.prisma.source.create({ data: { id: 'office-space', kind: 'rest' } });
    const first = await seeded.db.prisma.syncRun.create({
      data: { sourceId: 'office-space', status: 'SUCCEEDED', writtenCount: 5 },
    });
    const second = await seeded.db.prisma.syncRun.create({
      data: { sourceId: 'office-space', status: 'FAILED', error: 'timeout' },
    });
    const response = await postGraphQL<{
      alerts: { totalCount: number; edges: { node: { status: string; building: { code: string } } }[] };
      sources: { name: string; lastRun: { status: string } }[];
      syncRuns: { edges: { node: { id: string; status: string } }[] };
    }>(
      seeded.gateway.url,
      seeded.gateway.keys.ADMIN,
      `{ alerts(filter: { status: [OPEN], building: "B001" }) { totalCount edges { node { status building { code } } } }
         sources { name lastRun { status } }
         syncRuns(source: "office-space") { edges { node { id status } } } }`,
    );
    const data = response.body.data!;
    const open = await seeded.db.prisma.alert.count({
      where: { status: 'OPEN', building: { code: 'B001' } },
    });
    expect(data.alerts.totalCount).toBe(open);
    expect(
      data.alerts.edges.every((edge) => edge.node.status === 'OPEN' && edge.node.building.code === 'B001'),
    ).toBe(true);
    expect(data.sources).toEqual([{ name: 'office-space', lastRun: { status: 'FAILED' } }]);
    expect(data.syncRuns.edges.map((edge) => edge.node.status)).toEqual([second.status, first.status]);
  });

  it('exposes Prometheus metrics: requests and latency by operation, open alerts', async () => {
    const response = await postGraphQL(
      seeded.gateway.url,
      seeded.gateway.keys.INTEGRATOR,
      'query TwinDistrict { district { buildingCount } }',
    );
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const text = await (await fetch(seeded.gateway.url.replace('/graphql', '/metrics'))).text();
    expect(text).toMatch(
      /hub_graphql_requests_total\{operation="TwinDistrict",type="query",outcome="ok"\} 1/,
    );
    expect(text).toMatch(
      /hub_graphql_request_duration_seconds_count\{operation="TwinDistrict",type="query"\} 1/,
    );
    const open = await seeded.db.prisma.alert.groupBy({
      by: ['severity'],
      where: ACTIVE_ALERT_WHERE,
      _count: { _all: true },
    });
    for (const row of open)
      expect(text).toContain(`hub_open_alerts{severity="${row.severity}"} ${row._count._all}`);
  });
});
