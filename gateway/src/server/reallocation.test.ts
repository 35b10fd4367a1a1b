import { encodeGlobalID } from '@pothos/plugin-relay';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, queryData } from '../testing/graphql-clients.ts';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.ts';

/*
 * 调剂 on a small hand-made district whose right answers are worked out by hand. Three buildings on one
 * east–west line, B2 205 m east of B1 and B3 1 km east. Standards are the shipped 2014 省级 column:
 * 正处级 (DIVISION_PRINCIPAL) 18 m², 处级以下 (BELOW_SECTION) 9 m².
 *
 * AG-OVER: 2 × 18 + 4 × 9 = 72 m² allowed, offices of 40, 30, 25, 18, 12 m² in B1 = 125 m², 53 over.
 *   Fewest rooms covering 53 m² is two (40 alone does not); of the pairs, 30 + 25 = 55 gives back least.
 * AG-SHORT: 4 × 18 = 72 m², one office of 20 m² in B2: 52 m² short. Idle offices: 60 and 30 in B2,
 *   20 in B1, 15 and 8 in B3. It chooses first (largest shortfall): B2's 30 (same building; 60 does not
 *   fit), then B1's 20 (205 m), leaving 2 m² nothing fits.
 * AG-SMALL: 2 × 9 = 18 m², one office of 10 m² in B3: 8 m² short: B3's 8 m² room.
 */
let db: TestDatabase;
let gateway: TestGateway;
const provenance = (id: string) => ({ source: 'hand', externalId: id, contentHash: 'x' });
const rooms = new Map<string, number>();
const assets = new Map<string, number>();

beforeAll(async () => {
  db = await createTestDatabase();
  const building = (code: string, lon: number) =>
    db.prisma.building.create({
      data: {
        code,
        name: code,
        footprint: {},
        centroidLon: lon,
        centroidLat: 39.909,
        floorsAbove: 6,
        height: 22,
        ...provenance(code),
      },
    });
  const [b1, b2, b3] = [
    await building('B1', 116.727),
    await building('B2', 116.7294),
    await building('B3', 116.7387),
  ];
  const agency = async (code: string, ranks: [string, number][]) => {
    const row = await db.prisma.agency.create({
      data: { code, name: code, adminLevel: 'PROVINCIAL', ...provenance(code) },
    });
    await db.prisma.agencyHeadcount.createMany({
      data: ranks.map(([rank, count]) => ({ agencyId: row.id, rank, count })),
    });
    return row;
  };
  const over = await agency('AG-OVER', [
    ['DIVISION_PRINCIPAL', 2],
    ['BELOW_SECTION', 4],
  ]);
  const short = await agency('AG-SHORT', [['DIVISION_PRINCIPAL', 4]]);
  const small = await agency('AG-SMALL', [['BELOW_SECTION', 2]]);
  const room = async (name: string, buildingId: number, area: number, holder: number | null) => {
    const row = await db.prisma.room.create({
      data: {
        buildingId,
        number: name,
        usableArea: area,
        category: 'OFFICE',
        status: holder === null ? 'IDLE' : 'IN_USE',
        ...provenance(name),
      },
    });
    rooms.set(name, row.id);
    if (holder !== null) {
      await db.prisma.roomAllocation.create({
        data: {
          roomId: row.id,
          agencyId: holder,
          validFrom: new Date('2025-01-01'),
          ...provenance(`a-${name}`),
        },
      });
    }
  };
  for (const [name, area] of [
    ['O40', 40],
    ['O30', 30],
    ['O25', 25],
    ['O18', 18],
    ['O12', 12],
  ] as const)
    await room(name, b1.id, area, over.id);
  await room('S20', b2.id, 20, short.id);
  await room('M10', b3.id, 10, small.id);
  await room('I60', b2.id, 60, null);
  await room('I30', b2.id, 30, null);
  await room('I20', b1.id, 20, null);
  await room('I15', b3.id, 15, null);
  await room('I8', b3.id, 8, null);
  const asset = async (
    tag: string,
    classCode: string,
    status: 'IDLE' | 'IN_USE' | 'IN_WAREHOUSE',
    holder: number | null,
    roomName: string | null,
  ) => {
    const row = await db.prisma.asset.create({
      data: {
        tag,
        name: tag,
        classCode,
        status,
        holderAgencyId: holder,
        roomId: roomName ? rooms.get(roomName)! : null,
        ...provenance(tag),
      },
    });
    assets.set(tag, row.id);
  };
  await asset('ZC-NEXT-DOOR', 'A060101', 'IDLE', small.id, 'I30');
  await asset('ZC-WAREHOUSE', 'A060102', 'IN_WAREHOUSE', null, null);
  await asset('ZC-ACROSS', 'A060101', 'IDLE', over.id, 'O40');
  await asset('ZC-OWN', 'A060101', 'IDLE', short.id, 'S20');
  await asset('ZC-IN-USE', 'A060101', 'IN_USE', over.id, 'O30');
  await asset('ZC-PRINTER', 'A020201', 'IDLE', over.id, 'O30');
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

const PLAN = `{ spaceReallocation {
  giveBack { agency { code } excessArea rooms { number } areaGivenBack areaAfter withinStandardAfter }
  assign { agency { code } shortfallArea offers { room { number } area sameBuilding distanceM } areaOffered }
} }`;

interface Plan {
  spaceReallocation: {
    giveBack: Record<string, unknown>[];
    assign: { agency: { code: string }; offers: { room: { number: string } }[] }[];
  };
}

describe('spaceReallocation', () => {
  it('gives back the fewest rooms that bring an over-standard agency within its standard, least area of those', async () => {
    const data = await as<Plan>('INTEGRATOR', PLAN);
    expect(data.spaceReallocation.giveBack).toEqual([
      {
        agency: { code: 'AG-OVER' },
        excessArea: 53,
        rooms: [{ number: 'O30' }, { number: 'O25' }],
        areaGivenBack: 55,
        areaAfter: 70,
        withinStandardAfter: true,
      },
    ]);
  });

  it('offers idle rooms that fit each short agency, same building first, then the nearest, each room once', async () => {
    const data = await as<Plan>('INTEGRATOR', PLAN);
    expect(data.spaceReallocation.assign).toEqual([
      {
        agency: { code: 'AG-SHORT' },
        shortfallArea: 52,
        offers: [
          { room: { number: 'I30' }, area: 30, sameBuilding: true, distanceM: 0 },
          { room: { number: 'I20' }, area: 20, sameBuilding: false, distanceM: 205 },
        ],
        areaOffered: 50,
      },
      {
        agency: { code: 'AG-SMALL' },
        shortfallArea: 8,
        offers: [{ room: { number: 'I8' }, area: 8, sameBuilding: true, distanceM: 0 }],
        areaOffered: 8,
      },
    ]);
  });

  it('turns suggestions into requests an admin decides: a room given back stands idle, an assigned one is allocated', async () => {
    const request =
      'mutation($room: ID!, $agency: String!, $kind: RoomReallocationKind!) { requestRoomReallocation(room: $room, agency: $agency, kind: $kind, reason: "调剂") { __typename ... on RoomReallocation { id status } ... on UserError { code } } }';
    const decide =
      'mutation($id: ID!) { decideRoomReallocation(request: $id, approve: true) { __typename ... on RoomReallocation { status } ... on UserError { code } } }';
    type Requested = { requestRoomReallocation: { __typename: string; id: string; status: string } };
    const room = (name: string) => encodeGlobalID('Room', rooms.get(name)!);

    const notHeld = await as<Requested>('OPERATOR', request, {
      room: room('I30'),
      agency: 'AG-OVER',
      kind: 'GIVE_BACK',
    });
    expect(notHeld.requestRoomReallocation).toEqual({
      __typename: 'InvalidInputError',
      code: 'request/invalid_input',
    });

    const giveBack = await as<Requested>('OPERATOR', request, {
      room: room('O30'),
      agency: 'AG-OVER',
      kind: 'GIVE_BACK',
    });
    expect(giveBack.requestRoomReallocation).toMatchObject({
      __typename: 'RoomReallocation',
      status: 'REQUESTED',
    });
    const assign = await as<Requested>('OPERATOR', request, {
      room: room('I30'),
      agency: 'AG-SHORT',
      kind: 'ASSIGN',
    });
    expect(assign.requestRoomReallocation.status).toBe('REQUESTED');

    // A room with a request waiting is no longer offered: AG-SHORT's 52 m² now take B1's 20, then B3's
    // 15 and 8 (1 km off), so AG-SMALL, choosing second, has nothing that fits.
    const pending = await as<Plan>('INTEGRATOR', PLAN);
    expect(pending.spaceReallocation.assign[0]!.offers.map((o) => o.room.number)).toEqual([
      'I20',
      'I15',
      'I8',
    ]);
    expect(pending.spaceReallocation.assign).toHaveLength(1);

    const forbidden = await postGraphQL(gateway.url, gateway.keys.OPERATOR, decide, {
      id: giveBack.requestRoomReallocation.id,
    });
    expect(forbidden.body.errors?.length).toBeGreaterThan(0);
    for (const id of [giveBack.requestRoomReallocation.id, assign.requestRoomReallocation.id]) {
      const decided = await as<{ decideRoomReallocation: unknown }>('ADMIN', decide, { id });
      expect(decided.decideRoomReallocation).toEqual({ __typename: 'RoomReallocation', status: 'APPROVED' });
    }
    const after = await as<{ spaceCompliance: Record<string, unknown>[] }>(
      'INTEGRATOR',
      '{ spaceCompliance { agency { code } allocatedOfficeArea overStandard } }',
    );
    expect(after.spaceCompliance).toEqual([
      { agency: { code: 'AG-OVER' }, allocatedOfficeArea: 95, overStandard: true },
      { agency: { code: 'AG-SHORT' }, allocatedOfficeArea: 50, overStandard: false },
      { agency: { code: 'AG-SMALL' }, allocatedOfficeArea: 10, overStandard: false },
    ]);
    const o30 = await db.prisma.room.findUniqueOrThrow({ where: { id: rooms.get('O30')! } });
    expect(o30.status).toBe('IDLE');
  });
});

describe('assetMatches', () => {
  it('offers idle assets of the class next door first, then the warehouse, then across the district, never its own or in use', async () => {
    const data = await as<{ assetMatches: { asset: { tag: string }; source: string }[] }>(
      'INTEGRATOR',
      '{ assetMatches(class: "A0601", agency: "AG-SHORT") { asset { tag } source } }',
    );
    expect(data.assetMatches).toEqual([
      { asset: { tag: 'ZC-NEXT-DOOR' }, source: 'VIRTUAL_SAME_BUILDING' },
      { asset: { tag: 'ZC-WAREHOUSE' }, source: 'PHYSICAL_WAREHOUSE' },
      { asset: { tag: 'ZC-ACROSS' }, source: 'VIRTUAL_ELSEWHERE' },
    ]);
    const none = await as<{ assetMatches: unknown[] }>(
      'INTEGRATOR',
      '{ assetMatches(class: "A07", agency: "AG-SHORT") { source } }',
    );
    expect(none.assetMatches).toEqual([]);
  });
});
