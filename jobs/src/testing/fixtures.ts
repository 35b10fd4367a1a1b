import type { PrismaClient } from '@district-hub/schema';

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [116.7, 39.9],
      [116.701, 39.9],
      [116.701, 39.901],
      [116.7, 39.9],
    ],
  ],
};

/** A building with just what the model requires. */
export async function createBuilding(prisma: PrismaClient, code: string): Promise<{ id: number }> {
  return prisma.building.create({
    data: {
      code,
      name: `Building ${code}`,
      footprint: square,
      centroidLon: 116.7005,
      centroidLat: 39.9005,
      floorsAbove: 5,
      height: 20,
      source: 'test',
      externalId: code,
      contentHash: code,
    },
    select: { id: true },
  });
}

export async function createDevice(
  prisma: PrismaClient,
  data: {
    code: string;
    type: string;
    buildingId: number | null;
    heartbeatSeconds?: number;
    lastSeenAt?: Date;
  },
): Promise<{ id: number }> {
  return prisma.device.create({
    data: { ...data, source: 'test', externalId: data.code, contentHash: data.code },
    select: { id: true },
  });
}
