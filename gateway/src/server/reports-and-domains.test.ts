import { encodeGlobalID } from '@pothos/plugin-relay';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryData } from '../testing/graphql-clients.ts';
import { seedDistrict } from '../testing/seed-district.ts';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.ts';

let db: TestDatabase;
let gateway: TestGateway;
const seed = { source: 'seed', contentHash: 'x' };
const HOUR = 3_600_000;
const t0 = new Date('2026-03-01T00:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase();
  const { agency, buildings } = await seedDistrict(db.prisma);
  // The standard is what the migrations ship: the test inserts none of it (issue 18).
  await db.prisma.agencyHeadcount.createMany({
    data: [
      { agencyId: agency.id, rank: 'DIVISION_PRINCIPAL', count: 1 },
      { agencyId: agency.id, rank: 'BELOW_SECTION', count: 1 },
      { agencyId: agency.id, rank: 'UNLISTED', count: 2 },
    ],
  });
  const county = await db.prisma.agency.create({
    data: { ...seed, externalId: 'ag3', code: 'AG-3', name: '县发展改革委', adminLevel: 'COUNTY' },
  });
  await db.prisma.agencyHeadcount.createMany({
    data: [
      { agencyId: county.id, rank: 'DIVISION_PRINCIPAL', count: 1 },
      { agencyId: county.id, rank: 'SECTION_PRINCIPAL', count: 2 },
      { agencyId: county.id, rank: 'PROVINCIAL_PRINCIPAL', count: 1 },
    ],
  });
  const bev = await db.prisma.vehicle.create({
    data: { ...seed, externalId: 'v1', plate: 'A1', energyType: 'BEV', agencyId: agency.id },
  });
  await db.prisma.vehicle.create({
    data: { ...seed, externalId: 'v2', plate: 'A2', energyType: 'ICE', agencyId: agency.id },
  });
  await db.prisma.trip.create({
    data: {
      ...seed,
      externalId: 't1',
      vehicleId: bev.id,
      startedAt: t0,
      endedAt: new Date(t0.getTime() + 2 * HOUR),
    },
  });
  await db.prisma.asset.createMany({
    data: [
      {
        ...seed,
        externalId: 'a1',
        tag: 'ZC-1',
        name: '办公桌',
        classCode: 'A060101',
        status: 'IDLE',
        holderAgencyId: agency.id,
      },
      { ...seed, externalId: 'a2', tag: 'ZC-2', name: '打印机', classCode: 'A020201', status: 'IN_USE' },
    ],
  });
  await db.prisma.agency.create({ data: { ...seed, externalId: 'ag2', code: 'AG-2', name: '区财政局' } });
  await db.prisma.energyDaily.createMany({
    data: [
      {
        buildingId: buildings[0]!.id,
        date: t0,
        carrier: 'ELECTRICITY',
        quantity: 1000,
        unit: 'kWh',
        standardCoalKg: 122.9,
        co2Kg: 530.6,
      },
      { buildingId: buildings[1]!.id, date: t0, carrier: 'WATER', quantity: 20, unit: 'm³' },
    ],
  });
  const device = await db.prisma.device.findFirstOrThrow({ orderBy: { id: 'asc' } });
  await db.prisma.reading.createMany({
    data: [0, 10, 20, 70, 80].map((minute, i) => ({
      deviceId: device.id,
      metric: 'p',
      value: i + 1,
      time: new Date(t0.getTime() + minute * 60_000),
      source: 'seed',
    })),
  });
  gateway = await startTestGateway({ databaseUrl: db.url });
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const as = <T = Record<string, unknown>>(
  role: 'INTEGRATOR' | 'OPERATOR' | 'ADMIN',
  query: string,
  variables?: Record<string, unknown>,
) => queryData<T>(gateway.url, gateway.keys[role], query, variables);

describe('reports', () => {
  it('spaceCompliance compares allocated office area with headcount × the shipped standard and flags unmatched ranks', async () => {
    const offices = await db.prisma.room.findMany({
      where: { category: 'OFFICE', allocations: { some: { agency: { code: 'AG-1' } } } },
    });
    const allocated = offices.reduce((sum, room) => sum + Math.round(Number(room.usableArea) * 100), 0) / 100;
    const data = await as<{ spaceCompliance: Record<string, unknown>[] }>(
      'INTEGRATOR',
      '{ spaceCompliance(agency: "AG-1") { agency { code } adminLevel headcount standardArea allocatedOfficeArea overStandard excessArea unmatchedRanks ranks { rank rankName areaPerPerson } } }',
    );
    const standard = 18 + 9; // 省级: 正处级 18 m², 处级以下 9 m²
    expect(data.spaceCompliance).toEqual([
      {
        agency: { code: 'AG-1' },
        adminLevel: 'PROVINCIAL',
        headcount: 4,
        standardArea: standard,
        allocatedOfficeArea: allocated,
        overStandard: allocated > standard,
        excessArea: Math.round(Math.max(0, allocated - standard) * 100) / 100,
        unmatchedRanks: ['UNLISTED'],
        ranks: [
          { rank: 'BELOW_SECTION', rankName: '处级以下', areaPerPerson: 9 },
          { rank: 'DIVISION_PRINCIPAL', rankName: '正处级', areaPerPerson: 18 },
          { rank: 'UNLISTED', rankName: null, areaPerPerson: null },
        ],
      },
    ]);
  });

  it("spaceCompliance reads the column of the agency's own level: a county organ's 正职 is 30 m², 正科级 18 m²", async () => {
    const data = await as<{ spaceCompliance: Record<string, unknown>[] }>(
      'INTEGRATOR',
      '{ spaceCompliance(agency: "AG-3") { standardArea overStandard shortfallArea unmatchedRanks } }',
    );
    expect(data.spaceCompliance).toEqual([
      {
        standardArea: 30 + 2 * 18,
        overStandard: false,
        shortfallArea: 66,
        unmatchedRanks: ['PROVINCIAL_PRINCIPAL'],
      },
    ]);
  });

  it('idleSpace sums idle rooms per building', async () => {
    const idle = await db.prisma.room.findMany({ where: { status: 'IDLE', building: { code: 'B001' } } });
    const data = await as<{ idleSpace: { idleRooms: number; idleArea: number }[] }>(
      'INTEGRATOR',
      '{ idleSpace(building: "B001") { building { code } idleRooms idleArea idleShare } }',
    );
    expect(data.idleSpace[0]).toMatchObject({
      idleRooms: idle.length,
      idleArea: idle.reduce((s, r) => s + Math.round(Number(r.usableArea) * 100), 0) / 100,
    });
  });

  it('fleetSummary gives the new-energy share and utilisation over a range', async () => {
    const range = { from: t0.toISOString(), to: new Date(t0.getTime() + 10 * HOUR).toISOString() };
    const data = await as<{ fleetSummary: Record<string, number> }>(
      'INTEGRATOR',
      'query($r: TimeRange) { fleetSummary(range: $r) { vehicles newEnergy newEnergyShare tripHours utilisation } }',
      { r: range },
    );
    expect(data.fleetSummary).toEqual({
      vehicles: 2,
      newEnergy: 1,
      newEnergyShare: 0.5,
      tripHours: 2,
      utilisation: 2 / (2 * 10),
    });
  });

  it('filters vehicles by energy type and agency, and lists their trips inside a range', async () => {
    type Plates = { edges: { node: { plate: string } }[] };
    type Trips = { edges: { node: { startedAt: string } }[] };
    const data = await as<{
      bev: { edges: { node: { plate: string; trips: Trips; later: Trips } }[] };
      elsewhere: Plates;
    }>(
      'OPERATOR',
      `query($all: TimeRange, $later: TimeRange) {
        bev: vehicles(filter: { energyType: [BEV], agency: "AG-1" }) {
          edges { node { plate trips(range: $all) { edges { node { startedAt } } }
            later: trips(range: $later) { edges { node { startedAt } } } } }
        }
        elsewhere: vehicles(filter: { agency: "AG-2" }) { edges { node { plate } } }
      }`,
      {
        all: {
          from: new Date(t0.getTime() - HOUR).toISOString(),
          to: new Date(t0.getTime() + 10 * HOUR).toISOString(),
        },
        later: {
          from: new Date(t0.getTime() + 5 * HOUR).toISOString(),
          to: new Date(t0.getTime() + 10 * HOUR).toISOString(),
        },
      },
    );
    expect(data.bev.edges).toEqual([
      {
        node: {
          plate: 'A1',
          trips: { edges: [{ node: { startedAt: t0.toISOString() } }] },
          later: { edges: [] },
        },
      },
    ]);
    expect(data.elsewhere.edges).toEqual([]);
  });

  it('energySummary totals the daily rollups with per-m² and per-person indicators', async () => {
    const area = (await db.prisma.room.findMany()).reduce((sum, room) => sum + Number(room.usableArea), 0);
    const persons = (await db.prisma.roomAllocation.findMany()).reduce((sum, a) => sum + a.occupants, 0);
    const data = await as<{ energySummary: Record<string, number> }>(
      'INTEGRATOR',
      'query($r: TimeRange!) { energySummary(range: $r) { electricityKwh waterM3 standardCoalKg co2Kg areaM2 persons standardCoalKgPerM2 standardCoalKgPerPerson } }',
      { r: { from: t0.toISOString(), to: new Date(t0.getTime() + 24 * HOUR).toISOString() } },
    );
    expect(data.energySummary).toMatchObject({ electricityKwh: 1000, waterM3: 20, areaM2: area, persons });
    // Per m² of gross floor area, which the seeded buildings do not record (energy-summary.test.ts has it).
    expect(data.energySummary.standardCoalKgPerM2).toBeNull();
    expect(data.energySummary.standardCoalKgPerPerson).toBeCloseTo(122.9 / persons, 4);
  });

  it('energySummary reads the range as district dates, so local midnights select that local day', async () => {
    const day = t0.toISOString().slice(0, 10);
    const query = 'query($r: TimeRange!) { energySummary(range: $r) { electricityKwh } }';
    const localDay = await as<{ energySummary: { electricityKwh: number } }>('INTEGRATOR', query, {
      r: { from: `${day}T00:00:00+08:00`, to: new Date(t0.getTime() + 16 * HOUR).toISOString() },
    });
    expect(localDay.energySummary.electricityKwh).toBe(1000);
    const dayBefore = await as<{ energySummary: { electricityKwh: number } }>('INTEGRATOR', query, {
      r: { from: new Date(t0.getTime() - 32 * HOUR).toISOString(), to: `${day}T00:00:00+08:00` },
    });
    expect(dayBefore.energySummary.electricityKwh).toBe(0);
  });

  it('alertStats counts alerts and measures time to acknowledge', async () => {
    const alert = await db.prisma.alert.findFirstOrThrow({ where: { status: 'OPEN' } });
    await db.prisma.alert.update({
      where: { id: alert.id },
      data: { status: 'ACKNOWLEDGED', acknowledgedAt: new Date(alert.raisedAt.getTime() + 90_000) },
    });
    const all = await db.prisma.alert.findMany();
    const range = {
      from: new Date(Date.now() - 24 * HOUR).toISOString(),
      to: new Date(Date.now() + HOUR).toISOString(),
    };
    const data = await as<{ alertStats: Record<string, number> }>(
      'INTEGRATOR',
      'query($r: TimeRange!) { alertStats(range: $r) { raised acknowledged resolved meanSecondsToAcknowledge } }',
      { r: range },
    );
    expect(data.alertStats).toEqual({
      raised: all.length,
      acknowledged: all.filter((a) => a.status === 'ACKNOWLEDGED').length,
      resolved: all.filter((a) => a.status === 'RESOLVED').length,
      meanSecondsToAcknowledge: 90,
    });
  });
});

describe('the allocation in force', () => {
  it('is what a room lists and what every report counts: not an ended, a future or a deleted allocation', async () => {
    const query = `query($room: ID!) {
      node(id: $room) { ... on Room { allocations { agency { code } occupants } } }
      energySummary(range: { from: "2026-03-01T00:00:00Z", to: "2026-03-02T00:00:00Z" }) { persons }
      spaceCompliance(agency: "AG-1") { allocatedOfficeArea }
    }`;
    type Answer = {
      node: { allocations: { agency: { code: string }; occupants: number }[] };
      energySummary: { persons: number };
      spaceCompliance: { allocatedOfficeArea: number }[];
    };
    const room = await db.prisma.room.findFirstOrThrow({
      where: { category: 'OFFICE', allocations: { some: { agency: { code: 'AG-1' } } } },
    });
    const variables = { room: encodeGlobalID('Room', room.id) };
    const before = await as<Answer>('INTEGRATOR', query, variables);
    expect(before.node.allocations).toEqual([{ agency: { code: 'AG-1' }, occupants: 1 }]);

    const agency = await db.prisma.agency.findUniqueOrThrow({ where: { code: 'AG-1' } });
    const now = Date.now();
    const notInForce = [
      { validFrom: new Date(now - 48 * HOUR), validTo: new Date(now - HOUR) },
      { validFrom: new Date(now + HOUR), validTo: null },
      { validFrom: new Date(now - 48 * HOUR), validTo: null, deletedAt: new Date(now - HOUR) },
    ];
    await db.prisma.roomAllocation.createMany({
      data: notInForce.map((period, index) => ({
        ...seed,
        externalId: `not-in-force-${index}`,
        roomId: room.id,
        agencyId: agency.id,
        occupants: 5,
        ...period,
      })),
    });
    expect(await as<Answer>('INTEGRATOR', query, variables)).toEqual(before);
  });
});

describe('devices, assets and transfers', () => {
  it('aggregates readings per time bucket and returns the latest value per metric', async () => {
    const device = await db.prisma.device.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const data = await as<{
      node: { readings: Record<string, unknown>[]; latestReadings: { metric: string; value: number }[] };
    }>(
      'INTEGRATOR',
      'query($id: ID!, $r: TimeRange!) { node(id: $id) { ... on Device { latestReadings { metric value } readings(metric: "p", range: $r, bucket: HOUR) { start count min avg max last } } } }',
      {
        id: encodeGlobalID('Device', device.id),
        r: { from: t0.toISOString(), to: new Date(t0.getTime() + 2 * HOUR).toISOString() },
      },
    );
    expect(data.node.latestReadings).toEqual([{ metric: 'p', value: 5 }]);
    expect(data.node.readings).toEqual([
      { start: t0.toISOString(), count: 3, min: 1, avg: 2, max: 3, last: 3 },
      { start: new Date(t0.getTime() + HOUR).toISOString(), count: 2, min: 4, avg: 4.5, max: 5, last: 5 },
    ]);
  });

  it('filters assets by class prefix and status, and moves an asset when an admin approves its transfer', async () => {
    const found = await as<{ assets: { edges: { node: { id: string; tag: string } }[] } }>(
      'INTEGRATOR',
      '{ assets(filter: { class: "A06", status: [IDLE] }) { edges { node { id tag } } } }',
    );
    expect(found.assets.edges.map((edge) => edge.node.tag)).toEqual(['ZC-1']);
    const asset = found.assets.edges[0]!.node.id;
    const requested = await as<{ requestAssetTransfer: { __typename: string; id: string; status: string } }>(
      'OPERATOR',
      'mutation($a: ID!) { requestAssetTransfer(asset: $a, toAgency: "AG-2", reason: "调剂") { __typename ... on AssetTransfer { id status } } }',
      { a: asset },
    );
    expect(requested.requestAssetTransfer).toMatchObject({
      __typename: 'AssetTransfer',
      status: 'REQUESTED',
    });
    const decide =
      'mutation($t: ID!) { decideAssetTransfer(transfer: $t, approve: true) { __typename ... on AssetTransfer { status asset { holderAgency { code } } } ... on UserError { code } } }';
    const approved = await as<{ decideAssetTransfer: unknown }>('ADMIN', decide, {
      t: requested.requestAssetTransfer.id,
    });
    expect(approved.decideAssetTransfer).toEqual({
      __typename: 'AssetTransfer',
      status: 'APPROVED',
      asset: { holderAgency: { code: 'AG-2' } },
    });
    const twice = await as<{ decideAssetTransfer: unknown }>('ADMIN', decide, {
      t: requested.requestAssetTransfer.id,
    });
    expect(twice.decideAssetTransfer).toEqual({
      __typename: 'InvalidInputError',
      code: 'request/invalid_input',
    });
  });
});
