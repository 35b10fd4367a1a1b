import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';

const footprint = {
  type: 'Polygon',
  coordinates: [
    [
      [116.72, 39.9],
      [116.7205, 39.9],
      [116.7205, 39.9004],
      [116.72, 39.9],
    ],
  ],
};

function building(source: string, externalId: string, code: string) {
  return {
    code,
    name: `${code} 综合办公楼`,
    footprint,
    centroidLon: 116.72,
    centroidLat: 39.9,
    floorsAbove: 8,
    height: 30,
    source,
    externalId,
    contentHash: 'h1',
  };
}

describe('the unified data model', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('one source cannot hold two entities under the same external id', async () => {
    await db.prisma.building.create({ data: building('office-space', 'B-1', 'FZX-A01') });
    await expect(
      db.prisma.building.create({ data: building('office-space', 'B-1', 'FZX-A02') }),
    ).rejects.toMatchObject({
      code: 'P2002',
    });
    // The same external id from another source is another record.
    await db.prisma.building.create({ data: building('warehouse', 'B-1', 'FZX-A03') });
    expect(await db.prisma.building.count({ where: { externalId: 'B-1' } })).toBe(2);
  });

  it('the crosswalk resolves one building from the codes of two sources', async () => {
    const hub = await db.prisma.building.create({ data: building('office-space', 'FZX-A09', 'FZX-A09') });
    await db.prisma.externalRef.createMany({
      data: [
        { entityType: 'Building', hubId: hub.id, source: 'office-space', externalId: 'FZX-A09' },
        { entityType: 'Building', hubId: hub.id, source: 'logistics', externalId: '9号楼' },
      ],
    });
    const resolve = async (source: string, externalId: string) =>
      (
        await db.prisma.externalRef.findUnique({
          where: { source_entityType_externalId: { source, entityType: 'Building', externalId } },
        })
      )?.hubId;
    expect(await resolve('office-space', 'FZX-A09')).toBe(hub.id);
    expect(await resolve('logistics', '9号楼')).toBe(hub.id);
    expect(await resolve('logistics', '10号楼')).toBeUndefined();
    await expect(
      db.prisma.externalRef.create({
        data: { entityType: 'Building', hubId: hub.id + 1, source: 'logistics', externalId: '9号楼' },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('money keeps its cents exactly and times keep their zone', async () => {
    const agency = await db.prisma.agency.create({
      data: {
        code: 'A01',
        name: '市机关事务管理局',
        source: 'office-space',
        externalId: 'A01',
        contentHash: 'h',
      },
    });
    const vehicle = await db.prisma.vehicle.create({
      data: {
        plate: '津A·D1234',
        energyType: 'BEV',
        purchasePrice: '179999.99',
        purchaseDate: new Date('2024-03-01'),
        agencyId: agency.id,
        source: 'vehicle-platform',
        externalId: '1',
        contentHash: 'h',
      },
    });
    const trip = await db.prisma.trip.create({
      data: {
        vehicleId: vehicle.id,
        startedAt: new Date('2025-06-01T08:30:00+08:00'),
        source: 'vehicle-platform',
        externalId: 't1',
        contentHash: 'h',
      },
    });
    const read = await db.prisma.vehicle.findUniqueOrThrow({ where: { id: vehicle.id } });
    expect(read.purchasePrice?.toFixed(2)).toBe('179999.99');
    expect((await db.prisma.trip.findUniqueOrThrow({ where: { id: trip.id } })).startedAt.toISOString()).toBe(
      '2025-06-01T00:30:00.000Z',
    );
  });
});
