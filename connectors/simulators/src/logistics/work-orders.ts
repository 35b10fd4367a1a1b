/**
 * Repair work orders of the logistics system, and its RuoYi-style HTTP API (`/prod-api/...`, header
 * `X-Api-Key`, `pageNum`/`pageSize`, `{ total, rows, code, msg }`). Orders move on by themselves:
 * dispatched 5 minutes after the report, in progress after 20, done after 90; each step's time is
 * its `updateTime`, made visible as soon as the step is due.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { Rng } from '../district/prng.ts';
import type { Building, District } from '../district/types.ts';
import { wgs84ToGcj02 } from '@district-hub/schema';
import { personName } from '../district/vehicles.ts';
import {
  applyRecordFaults,
  impossibleDate,
  toFullwidth,
  trailingSpaces,
  withUnit,
  type Faults,
} from '../faults.ts';
import { Collection } from '../shared/collection.ts';
import { installHttpFaults } from '../shared/http-faults.ts';
import { DAY_MS, localDateTime, parseBeijingTime } from '../time.ts';
import { birthPayload, buildingName, VENDOR_TYPES, workOrderDay, type DeviceView } from './vocabulary.ts';

export interface WorkOrderRecord {
  orderId: number;
  orderNo: string;
  title: string;
  content: string;
  deviceCode: string | null;
  deviceType: string | null;
  building: string | null;
  floor: string | null;
  room: string | null;
  status: string;
  priority: string;
  reporter: string;
  assignee: string | null;
  alarmId: string | null;
  reportTime: string;
  finishTime: string | null;
  createTime: string;
  updateTime: string;
}

const STEPS: readonly [status: string, afterMs: number][] = [
  ['1', 5 * 60_000],
  ['2', 20 * 60_000],
  ['3', 90 * 60_000],
];

const ROUTINE: Record<string, string[]> = {
  HVAC: ['空调不制冷', '空调噪音大', '空调漏水'],
  ELEVATOR: ['电梯异响', '电梯按钮失灵', '电梯年度检验'],
  LEAK: ['卫生间漏水', '水管渗漏'],
  ACCESS: ['门禁无法刷卡', '门禁闭门器损坏'],
  METER_ELECTRIC: ['配电箱跳闸', '照明回路故障'],
  METER_WATER: ['水表读数异常'],
  FIRE: ['烟感误报', '烟感低电量更换'],
  ENV: ['温湿度传感器离线'],
  PV: ['光伏逆变器告警'],
};

export class WorkOrders {
  readonly orders = new Collection<WorkOrderRecord>();
  private readonly reported = new Map<number, number>();
  private nextId = 1;
  private readonly perDay = new Map<string, number>();
  private readonly rng: Rng;

  constructor(
    private readonly views: readonly DeviceView[],
    seed: string,
  ) {
    this.rng = new Rng(`${seed}/work-orders`);
  }

  /** About eight finished orders per building over the 90 days before `referenceMs`. */
  seedHistory(d: District, referenceMs: number): void {
    const rng = new Rng(`${d.info.seed}/work-order-history`);
    const count = d.buildings.length * 8;
    const times = Array.from({ length: count }, () => referenceMs - rng.int(1, 90 * 24 * 60) * 60_000).sort(
      (a, b) => a - b,
    );
    for (const t of times) {
      const v = rng.pick(this.views);
      const title = rng.pick(ROUTINE[v.device.type] ?? ['设备报修']);
      this.create(
        {
          title,
          content: `${buildingName(v.building)}${v.floor}${v.room ?? ''} ${title}`,
          view: v,
          priority: '3',
        },
        t,
        rng,
      );
    }
    this.progress(referenceMs + DAY_MS);
  }

  create(
    o: {
      title: string;
      content: string;
      view?: DeviceView;
      priority?: string;
      reporter?: string;
      alarmId?: string | null;
    },
    atMs: number,
    rng: Rng = this.rng,
  ): WorkOrderRecord {
    const day = workOrderDay(atMs);
    const seq = (this.perDay.get(day) ?? 0) + 1;
    this.perDay.set(day, seq);
    const at = localDateTime(atMs);
    const v = o.view;
    const record: WorkOrderRecord = {
      orderId: this.nextId++,
      orderNo: `GD${day}${String(seq).padStart(4, '0')}`,
      title: o.title,
      content: o.content,
      deviceCode: v?.device.code ?? null,
      deviceType: v ? VENDOR_TYPES[v.device.type] : null,
      building: v ? buildingName(v.building) : null,
      floor: v?.floor ?? null,
      room: v?.room ?? null,
      status: '0',
      priority: o.priority ?? '3',
      reporter: o.reporter ?? personName(rng),
      assignee: null,
      alarmId: o.alarmId ?? null,
      reportTime: at,
      finishTime: null,
      createTime: at,
      updateTime: at,
    };
    this.reported.set(record.orderId, atMs);
    this.orders.put({ id: record.orderId, updatedMs: atMs, record });
    return record;
  }

  /** Applies every step that is due by `nowMs`. */
  progress(nowMs: number): void {
    for (const s of this.orders.ordered().filter((x) => x.record.status !== '3' && x.record.status !== '4')) {
      const reported = this.reported.get(s.id) ?? s.updatedMs;
      let record = s.record;
      let updatedMs = s.updatedMs;
      for (const [status, after] of STEPS) {
        if (record.status < status && reported + after <= nowMs) {
          updatedMs = reported + after;
          record = {
            ...record,
            status,
            assignee: record.assignee ?? personName(this.rng),
            finishTime: status === '3' ? localDateTime(updatedMs) : record.finishTime,
            updateTime: localDateTime(updatedMs),
          };
        }
      }
      if (record !== s.record) this.orders.put({ id: s.id, updatedMs, record });
    }
  }
}

type Query = Record<string, string | undefined>;

export function buildWorkOrderServer(
  orders: WorkOrders,
  views: readonly DeviceView[],
  buildings: readonly Building[],
  apiKey: string,
  faults: Faults,
  now: () => number,
): FastifyInstance {
  const app = Fastify({ logger: false });
  installHttpFaults(app, faults, {
    rateLimited: { code: 429, msg: '访问过于频繁，请稍候再试' },
    error: { code: 500, msg: '服务器内部错误' },
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers['x-api-key'] !== apiKey) {
      return reply.code(401).send({ code: 401, msg: '认证失败，无法访问系统资源' });
    }
  });
  const paging = (q: Query) => {
    const pageNum = Math.max(1, Number(q.pageNum ?? 1) || 1);
    const pageSize = Math.min(500, Math.max(1, Number(q.pageSize ?? 10) || 10));
    return { pageNum, pageSize };
  };

  app.get('/prod-api/workorder/list', async (request, reply) => {
    const q = request.query as Query;
    orders.progress(now());
    let since: number | null = null;
    if (q.beginUpdateTime) {
      since = parseBeijingTime(q.beginUpdateTime);
      if (Number.isNaN(since))
        return reply.code(400).send({ code: 400, msg: `参数格式错误: beginUpdateTime` });
    }
    const matched = orders.orders.query(since, q.status ? (r) => r.status === q.status : undefined);
    const { pageNum, pageSize } = paging(q);
    const rows = matched.slice((pageNum - 1) * pageSize, pageNum * pageSize).map((s) => s.record);
    const faulty = applyRecordFaults(rows, faults, (r, kind, prev) => {
      switch (kind) {
        case 'area-with-unit':
          return { ...r, priority: withUnit(r.priority, '级') };
        case 'fullwidth-digits':
          return { ...r, orderNo: toFullwidth(r.orderNo) };
        case 'impossible-date':
          return { ...r, reportTime: impossibleDate(r.reportTime) };
        case 'missing-building':
          return { ...r, building: '' };
        case 'duplicate-id':
          return prev ? { ...r, orderId: prev.orderId } : r;
        case 'trailing-spaces':
          return { ...r, title: trailingSpaces(r.title) };
      }
    });
    return { total: matched.length, rows: faulty, code: 200, msg: '查询成功' };
  });

  app.get('/prod-api/workorder/:orderNo', async (request, reply) => {
    orders.progress(now());
    const { orderNo } = request.params as { orderNo: string };
    const found = orders.orders.ordered().find((s) => s.record.orderNo === orderNo);
    if (!found) return reply.code(404).send({ code: 404, msg: `工单不存在: ${orderNo}` });
    return { code: 200, msg: '操作成功', data: found.record };
  });

  app.post('/prod-api/workorder', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (typeof body.title !== 'string' || body.title.trim() === '') {
      return reply.code(400).send({ code: 400, msg: '工单标题不能为空' });
    }
    const view =
      typeof body.deviceCode === 'string' ? views.find((v) => v.device.code === body.deviceCode) : undefined;
    if (body.deviceCode !== undefined && !view)
      return reply.code(400).send({ code: 400, msg: `设备不存在: ${String(body.deviceCode)}` });
    const record = orders.create(
      {
        title: body.title,
        content: typeof body.content === 'string' ? body.content : body.title,
        ...(view ? { view } : {}),
        priority: typeof body.priority === 'string' ? body.priority : '3',
        reporter: typeof body.reporter === 'string' ? body.reporter : '数据平台',
      },
      now(),
    );
    return { code: 200, msg: '操作成功', data: { orderNo: record.orderNo } };
  });

  // Buildings as the logistics platform's map holds them: GCJ-02, with the postal address every system shares.
  app.get('/prod-api/building/list', async (request) => {
    const { pageNum, pageSize } = paging(request.query as Query);
    const rows = buildings.slice((pageNum - 1) * pageSize, pageNum * pageSize).map((b) => {
      const g = wgs84ToGcj02(b.centroid[0], b.centroid[1]);
      return {
        buildingId: b.number,
        buildingName: buildingName(b),
        address: b.address,
        floorsAbove: b.floorsAbove,
        floorsBelow: b.floorsBelow,
        lng: Math.round(g.lon * 1e6) / 1e6,
        lat: Math.round(g.lat * 1e6) / 1e6,
      };
    });
    return { total: buildings.length, rows, code: 200, msg: '查询成功' };
  });

  app.get('/prod-api/device/list', async (request) => {
    const q = request.query as Query;
    const matched = q.building ? views.filter((v) => buildingName(v.building) === q.building) : views;
    const { pageNum, pageSize } = paging(q);
    const rows = matched
      .slice((pageNum - 1) * pageSize, pageNum * pageSize)
      .map((v) => birthPayload(v, now()));
    return { total: matched.length, rows, code: 200, msg: '查询成功' };
  });
  return app;
}
