import type { FastifyInstance } from 'fastify';
import pg from 'pg';

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');
const cursor = (id: number) => Buffer.from(`GPC:N:${id}`).toString('base64');

/**
 * The baseline the gateway is measured against: the same two answers written by hand, one SQL
 * statement per level straight on `pg`, assembled in JavaScript and sent with `JSON.stringify`. No
 * auth, no validation, no limits: the cheapest way to return the same JSON.
 */
export function registerBaselineRoutes(app: FastifyInstance, databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });

  // Counts are subqueries that walk the child's (buildingId, …) index, as the gateway's loaders do;
  // a floor's rooms are matched on their building too, or that index cannot serve them.
  app.get('/baseline/snapshot', async (_request, reply) => {
    const [district, buildings, floors] = await Promise.all([
      pool.query(`SELECT (SELECT name FROM "District" ORDER BY id LIMIT 1) AS name,
        (SELECT count(*)::int FROM "Building" WHERE "deletedAt" IS NULL) AS "buildingCount",
        (SELECT count(*)::int FROM "Alert" WHERE "deletedAt" IS NULL AND status <> 'RESOLVED') AS "activeAlertCount"`),
      pool.query(`SELECT b.id, b.code, b.name, b.height, b."centroidLon", b."centroidLat",
        (SELECT count(*)::int FROM "Room" r WHERE r."buildingId" = b.id AND r."deletedAt" IS NULL) AS "roomCount",
        (SELECT count(*)::int FROM "Device" d WHERE d."buildingId" = b.id AND d."deletedAt" IS NULL) AS "deviceCount",
        (SELECT count(*)::int FROM "Alert" a WHERE a."buildingId" = b.id AND a."deletedAt" IS NULL AND a.status <> 'RESOLVED') AS "activeAlertCount"
        FROM "Building" b WHERE b."deletedAt" IS NULL ORDER BY b.id LIMIT 500`),
      pool.query(`SELECT f."buildingId", f.level, f.elevation, f.height,
        (SELECT count(*)::int FROM "Room" r
          WHERE r."buildingId" = f."buildingId" AND r."floorId" = f.id AND r."deletedAt" IS NULL) AS "roomCount"
        FROM "Floor" f WHERE f."deletedAt" IS NULL ORDER BY f.level`),
    ]);
    const floorsOf = new Map<number, unknown[]>();
    for (const f of floors.rows) {
      const list = floorsOf.get(f.buildingId) ?? [];
      list.push({ level: f.level, elevation: f.elevation, height: f.height, roomCount: f.roomCount });
      floorsOf.set(f.buildingId, list);
    }
    const body = {
      data: {
        district: district.rows[0],
        buildings: {
          edges: buildings.rows.map((b) => ({
            node: {
              id: globalId('Building', b.id),
              code: b.code,
              name: b.name,
              height: b.height,
              centroidLon: b.centroidLon,
              centroidLat: b.centroidLat,
              floors: floorsOf.get(b.id) ?? [],
              roomCount: b.roomCount,
              deviceCount: b.deviceCount,
              activeAlertCount: b.activeAlertCount,
            },
          })),
        },
      },
    };
    reply.type('application/json');
    return JSON.stringify(body);
  });

  app.get('/baseline/rooms', async (_request, reply) => {
    const rooms =
      await pool.query(`SELECT r.id, r.number, r."usableArea"::float8 AS "usableArea", r.category, r.status, b.code, f.level
      FROM "Room" r JOIN "Building" b ON b.id = r."buildingId" LEFT JOIN "Floor" f ON f.id = r."floorId"
      WHERE r."deletedAt" IS NULL ORDER BY r.id LIMIT 101`);
    const page = rooms.rows.slice(0, 100);
    const body = {
      data: {
        rooms: {
          edges: page.map((r) => ({
            cursor: cursor(r.id),
            node: {
              id: globalId('Room', r.id),
              number: r.number,
              usableArea: r.usableArea,
              category: r.category,
              status: r.status,
              building: { code: r.code },
              floor: r.level === null ? null : { level: r.level },
            },
          })),
          pageInfo: {
            hasNextPage: rooms.rows.length > 100,
            endCursor: page.length ? cursor(page.at(-1)!.id) : null,
          },
        },
      },
    };
    reply.type('application/json');
    return JSON.stringify(body);
  });
  return pool;
}
