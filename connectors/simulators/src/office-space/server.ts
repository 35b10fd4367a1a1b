/**
 * The office-space system's HTTP JSON API (Fastify): bearer-token auth, page/pageSize paging,
 * an inclusive `updatedSince` filter, records in (updatedAt, id) order, and the HTTP fault knobs.
 */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { applyRecordFaults, type Faults } from '../faults.ts';
import { installHttpFaults } from '../shared/http-faults.ts';
import { parseBeijingTime } from '../time.ts';
import { corruptRecord } from '../shared/corrupt.ts';
import { FIELD_ROLES, type OfficeSpaceStore } from './records.ts';

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;

type Query = Record<string, string | undefined>;

function badRequest(reply: FastifyReply, what: string) {
  return reply.code(400).send({ code: 400, msg: `参数错误：${what}`, data: null });
}

export function buildOfficeSpaceServer(
  store: OfficeSpaceStore,
  token: string,
  faults: Faults,
): FastifyInstance {
  const app = Fastify({ logger: false });
  installHttpFaults(
    app,
    faults,
    {
      rateLimited: { code: 429, msg: '请求过于频繁，请稍后再试', data: null },
      error: { code: 500, msg: '系统繁忙，请稍后再试', data: null },
    },
    ['/api/v1/health'],
  );
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/v1/health')) return;
    if (request.headers.authorization !== `Bearer ${token}`) {
      return reply
        .code(401)
        .header('WWW-Authenticate', 'Bearer error="invalid_token"')
        .send({ code: 401, msg: '未授权：令牌无效或已过期', data: null });
    }
  });
  app.get('/api/v1/health', async () => ({ status: 'UP' }));

  const filters: Record<
    keyof OfficeSpaceStore,
    (q: Query) => ((r: Record<string, unknown>) => boolean) | undefined
  > = {
    buildings: () => undefined,
    floors: (q) => (q.buildingCode ? (r) => r.buildingCode === q.buildingCode : undefined),
    rooms: (q) => (q.buildingCode ? (r) => r.buildingCode === q.buildingCode : undefined),
    agencies: () => undefined,
    allocations: (q) =>
      q.agencyCode || q.buildingCode
        ? (r) =>
            (!q.agencyCode || r.agencyCode === q.agencyCode) &&
            (!q.buildingCode || r.buildingCode === q.buildingCode)
        : undefined,
  };

  for (const name of Object.keys(filters) as (keyof OfficeSpaceStore)[]) {
    app.get(`/api/v1/${name}`, async (request, reply) => {
      const q = request.query as Query;
      const page = q.page === undefined ? 1 : Number(q.page);
      const pageSize = q.pageSize === undefined ? DEFAULT_PAGE_SIZE : Number(q.pageSize);
      if (!Number.isInteger(page) || page < 1) return badRequest(reply, `page=${q.page}`);
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        return badRequest(reply, `pageSize=${q.pageSize}（1–${MAX_PAGE_SIZE}）`);
      }
      let since: number | null = null;
      if (q.updatedSince !== undefined && q.updatedSince !== '') {
        since = parseBeijingTime(q.updatedSince);
        if (Number.isNaN(since)) return badRequest(reply, `updatedSince=${q.updatedSince}`);
      }
      const collection = store[name] as OfficeSpaceStore['rooms'];
      const where = filters[name](q) as ((r: unknown) => boolean) | undefined;
      const matched = collection.query(since, where);
      const slice = matched.slice((page - 1) * pageSize, page * pageSize).map((s) => s.record);
      const records = applyRecordFaults(slice, faults, (r, kind, prev) =>
        corruptRecord(r, kind, prev, FIELD_ROLES[name]),
      );
      return { code: 0, msg: '成功', data: { page, pageSize, total: matched.length, records } };
    });
  }
  return app;
}
