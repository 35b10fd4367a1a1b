import type { PrismaClient } from '@district-hub/schema';

export interface SeedShape {
  buildings: number;
  floorsPerBuilding: number;
  roomsPerFloor: number;
  devicesPerBuilding: number;
  /** Open alerts per building (one more, resolved, is added to prove it is not counted). */
  openAlertsPerBuilding: number;
}

export const SMALL_DISTRICT: SeedShape = {
  buildings: 3,
  floorsPerBuilding: 2,
  roomsPerFloor: 3,
  devicesPerBuilding: 2,
  openAlertsPerBuilding: 1,
};

/** The district the gateway's benchmarks read: a snapshot of 240 buildings, pages of 28,800 rooms. */
export const BENCH_DISTRICT: SeedShape = {
  buildings: 240,
  floorsPerBuilding: 6,
  roomsPerFloor: 20,
  devicesPerBuilding: 10,
  openAlertsPerBuilding: 2,
};

const provenance = (kind: string, id: string) => ({
  source: 'seed',
  externalId: `${kind}-${id}`,
  contentHash: id,
});

/**
 * Writes a district straight into the database with bulk inserts, as the connectors would leave it:
 * buildings with floors, rooms, devices and alerts, and one agency holding every other room.
 */
export async function seedDistrict(prisma: PrismaClient, shape: SeedShape = SMALL_DISTRICT) {
  await prisma.district.create({
    data: { code: 'FZX', name: '行政办公区', centroidLon: 116.72, centroidLat: 39.9 },
  });
  const agency = await prisma.agency.create({
    data: {
      code: 'AG-1',
      name: '市机关事务管理局',
      adminLevel: 'PROVINCIAL',
      ...provenance('agency', 'AG-1'),
    },
  });
  const codes = Array.from({ length: shape.buildings }, (_, b) => `B${String(b + 1).padStart(3, '0')}`);
  await prisma.building.createMany({
    data: codes.map((code, b) => ({
      code,
      name: `${b + 1}号楼`,
      footprint: { type: 'Polygon', coordinates: [] },
      centroidLon: 116.72 + b * 0.001,
      centroidLat: 39.9,
      floorsAbove: shape.floorsPerBuilding,
      height: shape.floorsPerBuilding * 3.6,
      ...provenance('building', code),
    })),
  });
  const buildings = await prisma.building.findMany({ orderBy: { id: 'asc' } });
  await prisma.floor.createMany({
    data: buildings.flatMap((building) =>
      Array.from({ length: shape.floorsPerBuilding }, (_, f) => ({
        buildingId: building.id,
        level: f + 1,
        elevation: f * 3.6,
        height: 3.6,
        ...provenance('floor', `${building.code}-${f + 1}`),
      })),
    ),
  });
  const floors = await prisma.floor.findMany({ orderBy: { id: 'asc' } });
  await prisma.room.createMany({
    data: floors.flatMap((floor) =>
      Array.from({ length: shape.roomsPerFloor }, (_, r) => ({
        buildingId: floor.buildingId,
        floorId: floor.id,
        number: `${floor.level}${String(r + 1).padStart(2, '0')}`,
        usableArea: 12 + r,
        category:
          r % 3 === 0 ? ('OFFICE' as const) : r % 3 === 1 ? ('SERVICE' as const) : ('EQUIPMENT' as const),
        status: r % 2 === 0 ? ('IN_USE' as const) : ('IDLE' as const),
        ...provenance('room', `${floor.id}-${r}`),
      })),
    ),
  });
  const rooms = await prisma.room.findMany({ orderBy: { id: 'asc' } });
  await prisma.roomAllocation.createMany({
    data: rooms
      .filter((_, index) => index % 2 === 0)
      .map((room) => ({
        roomId: room.id,
        agencyId: agency.id,
        occupants: 1,
        validFrom: new Date('2024-01-01T00:00:00Z'),
        ...provenance('allocation', String(room.id)),
      })),
  });
  await prisma.device.createMany({
    data: buildings.flatMap((building) =>
      Array.from({ length: shape.devicesPerBuilding }, (_, d) => ({
        code: `${building.code}-D${d + 1}`,
        type: d % 2 === 0 ? 'METER_ELECTRIC' : 'LEAK',
        buildingId: building.id,
        ...provenance('device', `${building.code}-${d}`),
      })),
    ),
  });
  const now = new Date();
  await prisma.alert.createMany({
    data: buildings.flatMap((building) =>
      Array.from({ length: shape.openAlertsPerBuilding + 1 }, (_, a) => ({
        severity: 'MAJOR' as const,
        status: a < shape.openAlertsPerBuilding ? ('OPEN' as const) : ('RESOLVED' as const),
        kind: 'LEAK',
        message: `leak ${a} in ${building.code}`,
        dedupeKey: `${building.code}-${a}`,
        raisedAt: now,
        lastSeenAt: now,
        buildingId: building.id,
        ...provenance('alert', `${building.code}-${a}`),
      })),
    ),
  });
  return { agency, buildings, floors, rooms };
}
