import { builder } from './builder.ts';

interface DistrictSummary {
  code: string | null;
  name: string | null;
  centroidLon: number | null;
  centroidLat: number | null;
  outline: unknown;
  buildingCount: number;
  floorCount: number;
  roomCount: number;
  usableArea: number;
  agencyCount: number;
  deviceCount: number;
  vehicleCount: number;
  activeAlertCount: number;
}

const DistrictSummaryRef = builder.objectRef<DistrictSummary>('DistrictSummary').implement({
  description: 'The district at a glance: what the cockpit shows first. Counts exclude soft-deleted rows.',
  fields: (t) => ({
    code: t.exposeString('code', { nullable: true }),
    name: t.exposeString('name', { nullable: true }),
    centroidLon: t.exposeFloat('centroidLon', { nullable: true }),
    centroidLat: t.exposeFloat('centroidLat', { nullable: true }),
    outline: t.expose('outline', { type: 'JSON', nullable: true, description: 'GeoJSON Polygon, WGS-84.' }),
    buildingCount: t.exposeInt('buildingCount'),
    floorCount: t.exposeInt('floorCount'),
    roomCount: t.exposeInt('roomCount'),
    usableArea: t.exposeFloat('usableArea', { description: 'Σ room usable area, m².' }),
    agencyCount: t.exposeInt('agencyCount'),
    deviceCount: t.exposeInt('deviceCount'),
    vehicleCount: t.exposeInt('vehicleCount'),
    activeAlertCount: t.exposeInt('activeAlertCount'),
  }),
});

builder.queryField('district', (t) =>
  t.field({
    type: DistrictSummaryRef,
    resolve: async (_root, _args, context) => {
      // One statement for every count: the cockpit polls this.
      const [counts] = await context.prisma.$queryRaw<Record<string, bigint | number | null>[]>`
        SELECT
          (SELECT count(*) FROM "Building" WHERE "deletedAt" IS NULL) AS "buildingCount",
          (SELECT count(*) FROM "Floor" WHERE "deletedAt" IS NULL) AS "floorCount",
          (SELECT count(*) FROM "Room" WHERE "deletedAt" IS NULL) AS "roomCount",
          (SELECT coalesce(sum("usableArea"), 0) FROM "Room" WHERE "deletedAt" IS NULL) AS "usableArea",
          (SELECT count(*) FROM "Agency" WHERE "deletedAt" IS NULL) AS "agencyCount",
          (SELECT count(*) FROM "Device" WHERE "deletedAt" IS NULL) AS "deviceCount",
          (SELECT count(*) FROM "Vehicle" WHERE "deletedAt" IS NULL) AS "vehicleCount",
          (SELECT count(*) FROM "Alert" WHERE "deletedAt" IS NULL AND status <> 'RESOLVED') AS "activeAlertCount"`;
      const district = await context.prisma.district.findFirst({ orderBy: { id: 'asc' } });
      const number = (key: string) => Number(counts?.[key] ?? 0);
      return {
        code: district?.code ?? null,
        name: district?.name ?? null,
        centroidLon: district?.centroidLon ?? null,
        centroidLat: district?.centroidLat ?? null,
        outline: district?.outline ?? null,
        buildingCount: number('buildingCount'),
        floorCount: number('floorCount'),
        roomCount: number('roomCount'),
        usableArea: number('usableArea'),
        agencyCount: number('agencyCount'),
        deviceCount: number('deviceCount'),
        vehicleCount: number('vehicleCount'),
        activeAlertCount: number('activeAlertCount'),
      };
    },
  }),
);
