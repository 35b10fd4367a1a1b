import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../testing/graphql-clients.ts';
import { seedDistrict } from '../testing/seed-district.ts';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.ts';

let db: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDistrict(db.prisma, {
    buildings: 4,
    floorsPerBuilding: 2,
    roomsPerFloor: 5,
    devicesPerBuilding: 3,
    openAlertsPerBuilding: 2,
  });
  gateway = await startTestGateway({ databaseUrl: db.url });
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const query = <T = Record<string, never>>(text: string, variables?: Record<string, unknown>) =>
  postGraphQL<T>(gateway.url, gateway.keys.INTEGRATOR, text, variables);

describe('space queries over HTTP', () => {
  it('district summary counts what the database holds, ignoring soft-deleted and resolved rows', async () => {
    const deletedRoom = await db.prisma.room.findFirstOrThrow({ orderBy: { id: 'desc' } });
    await db.prisma.room.update({ where: { id: deletedRoom.id }, data: { deletedAt: new Date() } });
    const { body } = await query<{ district: Record<string, number | string> }>(
      '{ district { name buildingCount floorCount roomCount deviceCount activeAlertCount usableArea } }',
    );
    const rooms = await db.prisma.room.findMany({ where: { deletedAt: null } });
    expect(body.errors).toBeUndefined();
    expect(body.data?.district).toEqual({
      name: '行政办公区',
      buildingCount: await db.prisma.building.count(),
      floorCount: await db.prisma.floor.count(),
      roomCount: rooms.length,
      deviceCount: await db.prisma.device.count(),
      activeAlertCount: await db.prisma.alert.count({ where: { status: { not: 'RESOLVED' } } }),
      usableArea: rooms.reduce((sum, room) => sum + Math.round(Number(room.usableArea) * 100), 0) / 100,
    });
    await db.prisma.room.update({ where: { id: deletedRoom.id }, data: { deletedAt: null } });
  });

  it('building(code) returns its floors in order and its room, device and active alert counts', async () => {
    const building = await db.prisma.building.findFirstOrThrow({ where: { code: 'B002' } });
    const { body } = await query<{ building: Record<string, unknown> }>(
      `{ building(code: "B002") { id code floors { level } roomCount deviceCount activeAlertCount } }`,
    );
    expect(body.data?.building).toMatchObject({
      code: 'B002',
      floors: [{ level: 1 }, { level: 2 }],
      roomCount: await db.prisma.room.count({ where: { buildingId: building.id } }),
      deviceCount: await db.prisma.device.count({ where: { buildingId: building.id } }),
      activeAlertCount: await db.prisma.alert.count({ where: { buildingId: building.id, status: 'OPEN' } }),
    });
    const id = (body.data?.building as { id: string }).id;
    const node = await query<{ node: { code: string } }>(
      'query($id: ID!) { node(id: $id) { ... on Building { code } } }',
      { id },
    );
    expect(node.body.data?.node.code).toBe('B002');
  });

  it('gives a building the same floors and counts on the buildings page as through building(code)', async () => {
    // The page reads them in its own statement, building(code) through the loaders: both must agree.
    const fields = 'code roomCount deviceCount activeAlertCount floors { level elevation roomCount }';
    const page = await query<{ buildings: { edges: { node: { code: string } }[] } }>(
      `{ buildings { edges { node { ${fields} } } } }`,
    );
    expect(page.body.errors).toBeUndefined();
    const listed = page.body.data!.buildings.edges.map((edge) => edge.node);
    expect(listed.length).toBe(4);
    for (const building of listed) {
      const single = await query<{ building: unknown }>(
        `query($code: String!) { building(code: $code) { ${fields} } }`,
        { code: building.code },
      );
      expect(single.body.data?.building).toEqual(building);
    }
  });

  it('counts only live rooms per floor, and lists devices by building and type, and agencies', async () => {
    const building = await db.prisma.building.findFirstOrThrow({
      where: { code: 'B003' },
      include: { floors: { orderBy: { level: 'asc' } } },
    });
    const gone = await db.prisma.room.findFirstOrThrow({ where: { floorId: building.floors[0]!.id } });
    await db.prisma.room.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    const { body } = await query<{
      building: { floors: { level: number; roomCount: number }[] };
      devices: { edges: { node: { code: string; type: string } }[] };
      agencies: { edges: { node: { code: string } }[] };
    }>(`{ building(code: "B003") { floors { level roomCount } }
      devices(filter: { building: "B003", type: "LEAK" }) { edges { node { code type } } }
      agencies { edges { node { code } } } }`);
    await db.prisma.room.update({ where: { id: gone.id }, data: { deletedAt: null } });
    expect(body.errors).toBeUndefined();
    const floors = [];
    for (const floor of building.floors) {
      const roomCount = await db.prisma.room.count({ where: { floorId: floor.id } });
      floors.push({ level: floor.level, roomCount: floor.id === gone.floorId ? roomCount - 1 : roomCount });
    }
    expect(body.data?.building.floors).toEqual(floors);
    const leaks = await db.prisma.device.findMany({
      where: { buildingId: building.id, type: 'LEAK' },
      orderBy: { id: 'asc' },
    });
    expect(leaks.length).toBeGreaterThan(0);
    expect(body.data?.devices.edges.map((edge) => edge.node)).toEqual(
      leaks.map((device) => ({ code: device.code, type: device.type })),
    );
    expect(body.data?.agencies.edges.map((edge) => edge.node.code)).toEqual(['AG-1']);
  });

  it('pages through rooms with cursors: every room once, in a stable order, bounded by first', async () => {
    const expected = (
      await db.prisma.room.findMany({ where: { building: { code: 'B001' } }, orderBy: { id: 'asc' } })
    ).map((room) => room.number);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<
        ReturnType<
          typeof query<{
            rooms: {
              edges: { node: { number: string } }[];
              pageInfo: { hasNextPage: boolean; endCursor: string };
            };
          }>
        >
      > = await query(
        'query($after: String) { rooms(first: 3, after: $after, filter: { building: "B001" }) { edges { node { number } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const rooms = page.body.data!.rooms;
      expect(rooms.edges.length).toBeLessThanOrEqual(3);
      seen.push(...rooms.edges.map((edge) => edge.node.number));
      if (!rooms.pageInfo.hasNextPage) break;
      after = rooms.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('pages rooms forward and backward in every order, as Prisma cursor pagination would', async () => {
    type Page = {
      edges: { cursor: string; node: { number: string; building: { code: string } } }[];
      pageInfo: {
        hasNextPage: boolean;
        hasPreviousPage: boolean;
        startCursor: string | null;
        endCursor: string | null;
      };
    };
    const orders = {
      ID: [{ id: 'asc' as const }],
      NUMBER: [{ buildingId: 'asc' as const }, { number: 'asc' as const }, { id: 'asc' as const }],
      USABLE_AREA_DESC: [{ usableArea: 'desc' as const }, { id: 'asc' as const }],
    };
    const text = `query($orderBy: RoomOrder, $first: Int, $last: Int, $after: String, $before: String) {
      rooms(orderBy: $orderBy, first: $first, last: $last, after: $after, before: $before) {
        edges { cursor node { number building { code } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    for (const [orderBy, prismaOrder] of Object.entries(orders)) {
      const expected = (
        await db.prisma.room.findMany({ orderBy: prismaOrder, include: { building: true } })
      ).map((room) => `${room.building.code}/${room.number}`);
      const label = (page: Page) =>
        page.edges.map((edge) => `${edge.node.building.code}/${edge.node.number}`);
      const forward: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Page = (await query<{ rooms: Page }>(text, { orderBy, first: 7, after })).body.data!
          .rooms;
        forward.push(...label(page));
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(forward, orderBy).toEqual(expected);
      const backward: string[] = [];
      let before: string | null = null;
      for (;;) {
        const variables = before ? { orderBy, last: 7, before } : { orderBy, last: 7 };
        const page: Page = (await query<{ rooms: Page }>(text, variables)).body.data!.rooms;
        backward.unshift(...label(page));
        expect(page.pageInfo.hasNextPage).toBe(before !== null);
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
      }
      expect(backward, orderBy).toEqual(expected);
    }
  });

  it("pages a building's rooms with its filter, and counts them", async () => {
    const building = await db.prisma.building.findFirstOrThrow({ where: { code: 'B002' } });
    const expected = await db.prisma.room.findMany({
      where: { buildingId: building.id, floor: { level: 2 } },
      orderBy: { id: 'asc' },
    });
    const { body } = await query<{
      building: { rooms: { edges: { node: { number: string; floor: { level: number } } }[] } };
    }>(
      '{ building(code: "B002") { rooms(first: 100, filter: { floor: 2 }) { edges { node { number floor { level } } } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(expected.length).toBeGreaterThan(1);
    expect(body.data?.building.rooms.edges.map((edge) => edge.node)).toEqual(
      expected.map((room) => ({ number: room.number, floor: { level: 2 } })),
    );
  });

  it("answers any field of a room's building and floor on a room page, read with the page or not", async () => {
    const fields = `number
      building { code address roomCount floors { level } }
      floor { level roomCount building { code name } }`;
    const { body } = await query<{
      rooms: { edges: { node: { number: string; building: { code: string } } }[] };
    }>(`{ rooms(first: 6, filter: { building: "B003" }) { edges { node { ${fields} } } } }`);
    expect(body.errors).toBeUndefined();
    const rooms = await db.prisma.room.findMany({
      where: { building: { code: 'B003' } },
      orderBy: { id: 'asc' },
      take: 6,
      include: { building: { include: { floors: { orderBy: { level: 'asc' } } } }, floor: true },
    });
    const expected = [];
    for (const room of rooms) {
      expected.push({
        number: room.number,
        building: {
          code: room.building.code,
          address: room.building.address,
          roomCount: await db.prisma.room.count({ where: { buildingId: room.buildingId } }),
          floors: room.building.floors.map((floor) => ({ level: floor.level })),
        },
        floor: {
          level: room.floor!.level,
          roomCount: await db.prisma.room.count({ where: { floorId: room.floorId } }),
          building: { code: room.building.code, name: room.building.name },
        },
      });
    }
    expect(body.data?.rooms.edges.map((edge) => edge.node)).toEqual(expected);
  });

  it('gives a room the position its source placed it at, on every path, and none when unplaced', async () => {
    const [placed, unplaced] = await db.prisma.room.findMany({
      where: { building: { code: 'B004' } },
      orderBy: { id: 'asc' },
      take: 2,
    });
    const position = { x: -12.75, y: 3.4, z: 7.8 };
    await db.prisma.room.update({ where: { id: placed!.id }, data: position });
    const node = 'number position { x y z }';
    const { body } = await query<{
      rooms: { edges: { node: { id: string; number: string; position: unknown } }[] };
      building: { rooms: { edges: { node: { number: string; position: unknown } }[] } };
    }>(`{ rooms(first: 2, filter: { building: "B004" }) { edges { node { id ${node} } } }
      building(code: "B004") { rooms(first: 2) { edges { node { ${node} } } } } }`);
    expect(body.errors).toBeUndefined();
    const expected = [
      { number: placed!.number, position },
      { number: unplaced!.number, position: null },
    ];
    expect(body.data?.rooms.edges.map(({ node: { number, position } }) => ({ number, position }))).toEqual(
      expected,
    );
    expect(body.data?.building.rooms.edges.map((edge) => edge.node)).toEqual(expected);
    // A room reached by id is read by Prisma, not by the page's SQL: the same position.
    const byId = await query<{ node: unknown }>(
      'query($id: ID!) { node(id: $id) { ... on Room { position { x y z } } } }',
      {
        id: body.data!.rooms.edges[0]!.node.id,
      },
    );
    expect(byId.body.data?.node).toEqual({ position });
  });

  it('filters rooms by floor, category, status and agency', async () => {
    const agencyRooms = await db.prisma.room.findMany({
      where: { allocations: { some: { agency: { code: 'AG-1' } } }, floor: { level: 2 }, status: 'IN_USE' },
      orderBy: { id: 'asc' },
    });
    const { body } = await query<{
      rooms: { totalCount: number; edges: { node: { id: string; status: string } }[] };
    }>(
      '{ rooms(first: 500, filter: { floor: 2, status: IN_USE, agency: "AG-1" }) { totalCount edges { node { id status } } } }',
    );
    expect(body.data?.rooms.totalCount).toBe(agencyRooms.length);
    expect(body.data?.rooms.edges.every((edge) => edge.node.status === 'IN_USE')).toBe(true);
    const offices = await query<{ rooms: { totalCount: number } }>(
      '{ rooms(filter: { category: OFFICE }) { totalCount } }',
    );
    expect(offices.body.data?.rooms.totalCount).toBe(
      await db.prisma.room.count({ where: { category: 'OFFICE' } }),
    );
  });

  it('finds rooms by door number or its beginning, as the viewer searches them', async () => {
    const expected = await db.prisma.room.findMany({
      where: { number: { startsWith: '20' } },
      orderBy: [{ buildingId: 'asc' }, { number: 'asc' }],
      include: { building: true },
    });
    const { body } = await query<{
      rooms: { edges: { node: { number: string; building: { code: string } } }[] };
    }>(
      '{ rooms(first: 500, filter: { number: "20" }, orderBy: NUMBER) { edges { node { number building { code } } } } }',
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(body.data?.rooms.edges.map((edge) => edge.node)).toEqual(
      expected.map((room) => ({ number: room.number, building: { code: room.building.code } })),
    );
    const one = await query<{ rooms: { edges: { node: { number: string } }[] } }>(
      '{ rooms(filter: { number: "203", building: "B001" }) { edges { node { number } } } }',
    );
    expect(one.body.data?.rooms.edges).toEqual([{ node: { number: '203' } }]);
    // A door number is matched literally: LIKE's wildcards in it match only themselves.
    const wildcard = await query<{ rooms: { totalCount: number } }>(
      '{ rooms(filter: { number: "2_" }) { totalCount } }',
    );
    expect(wildcard.body.data?.rooms.totalCount).toBe(0);
  });

  it('hides soft-deleted buildings unless includeDeleted is asked for', async () => {
    await db.prisma.building.update({ where: { code: 'B004' }, data: { deletedAt: new Date() } });
    const hidden = await query<{ buildings: { totalCount: number }; building: null }>(
      '{ buildings { totalCount } building(code: "B004") { code } }',
    );
    const shown = await query<{ buildings: { totalCount: number }; building: { code: string } }>(
      '{ buildings(includeDeleted: true) { totalCount } building(code: "B004", includeDeleted: true) { code } }',
    );
    await db.prisma.building.update({ where: { code: 'B004' }, data: { deletedAt: null } });
    expect(hidden.body.data).toEqual({ buildings: { totalCount: 3 }, building: null });
    expect(shown.body.data).toEqual({ buildings: { totalCount: 4 }, building: { code: 'B004' } });
  });

  it('serves up to 500 rows a page and refuses more, naming the limit, instead of clamping', async () => {
    const { body } = await query<{ rooms: { edges: unknown[] } }>(
      '{ rooms(first: 500) { edges { cursor } } }',
    );
    expect(body.data?.rooms.edges.length).toBe(Math.min(500, await db.prisma.room.count()));
    const refused = await query('{ rooms(first: 100000) { edges { cursor } } }');
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0]).toMatchObject({
      message: 'requesting 100000 records on Query.rooms exceeds the `first` limit of 0 to 500 records',
      extensions: { code: 'request/invalid_input', limit: 'first', max: 500, actual: 100000 },
    });
  });
});
