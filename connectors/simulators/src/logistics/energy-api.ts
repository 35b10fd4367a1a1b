/**
 * The logistics platform's energy statistics API: `GET /prod-api/energy/meter/daily` pages the daily
 * meter rows (`meter-history.ts`) in update order, `beginUpdateTime` for the rows closed since a time,
 * under the same `X-Api-Key` and `{ total, rows, code, msg }` envelope as the work orders.
 */
import type { FastifyInstance } from 'fastify';
import type { District } from '../district/types.ts';
import { beijingDayStart, localDate, localDateTime, parseBeijingTime } from '../time.ts';
import { meterHistory, type MeterDayRecord } from './meter-history.ts';

type Query = Record<string, string | undefined>;

/** Days of history the export holds by default: the last year. */
export const METER_HISTORY_DAYS = 365;

export function registerEnergyRoutes(
  app: FastifyInstance,
  district: District,
  now: () => number,
  days = METER_HISTORY_DAYS,
): void {
  // A closed day never changes: the rows are computed again only when the local day or its close moves
  // (every meter closes within 600 s of midnight).
  let cached: { key: string; rows: MeterDayRecord[] } | null = null;
  const rowsAt = (ms: number) => {
    const key = `${localDate(ms)}/${Math.min(600, Math.floor((ms - beijingDayStart(ms)) / 1000))}`;
    if (cached?.key !== key) cached = { key, rows: meterHistory(district, ms, days) };
    return cached.rows;
  };
  app.get('/prod-api/energy/meter/daily', async (request, reply) => {
    const q = request.query as Query;
    let since = '';
    if (q.beginUpdateTime) {
      const ms = parseBeijingTime(q.beginUpdateTime);
      if (Number.isNaN(ms)) return reply.code(400).send({ code: 400, msg: '参数格式错误: beginUpdateTime' });
      since = localDateTime(ms);
    }
    // Rows are in update order and their times in one fixed format, so text order is time order.
    const all = rowsAt(now());
    const first = all.findIndex((r) => r.updateTime >= since);
    const matched = first < 0 ? [] : all.slice(first);
    const pageNum = Math.max(1, Number(q.pageNum ?? 1) || 1);
    const pageSize = Math.min(1000, Math.max(1, Number(q.pageSize ?? 10) || 10));
    const rows = matched.slice((pageNum - 1) * pageSize, pageNum * pageSize);
    return { total: matched.length, rows, code: 200, msg: '查询成功' };
  });
}
