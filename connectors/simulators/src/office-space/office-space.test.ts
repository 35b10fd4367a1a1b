import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDistrict } from '../district/district.ts';
import { parseBeijingTime } from '../time.ts';
import { startOfficeSpace, type OfficeSpaceSimulator } from './office-space.ts';
import type { RoomRecord } from './records.ts';

const district = generateDistrict({ seed: 'office-space-test', scale: 0.25 });
let sim: OfficeSpaceSimulator;
let exportDir: string;

interface Page<T> {
  code: number;
  data: { page: number; pageSize: number; total: number; records: T[] };
}

async function get<T>(
  path: string,
  token = sim.token,
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

async function readAll<T>(collection: string, query = ''): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const { body } = await get<Page<T>>(`/api/v1/${collection}?page=${page}&pageSize=200${query}`);
    out.push(...body.data.records);
    if (page * 200 >= body.data.total) return out;
  }
}

beforeAll(async () => {
  exportDir = await mkdtemp(join(tmpdir(), 'office-space-'));
  sim = await startOfficeSpace({ district, exportDir });
});
afterAll(async () => {
  await sim.stop();
  await rm(exportDir, { recursive: true, force: true });
});
afterEach(() => {
  sim.faults.reset();
});

describe('office-space API', () => {
  it('pages through every room exactly once, in updatedAt order', async () => {
    const rooms = await readAll<RoomRecord>('rooms');
    expect(rooms).toHaveLength(district.rooms.length);
    expect(new Set(rooms.map((r) => r.id)).size).toBe(rooms.length);
    for (let i = 1; i < rooms.length; i++) {
      expect(rooms[i]!.updatedAt >= rooms[i - 1]!.updatedAt).toBe(true);
    }
    const first = await get<Page<RoomRecord>>('/api/v1/rooms?page=1&pageSize=7');
    expect(first.body.data).toMatchObject({ page: 1, pageSize: 7, total: district.rooms.length });
    expect(first.body.data.records).toHaveLength(7);
    expect(first.body.data.records[0]).toMatchObject({
      roomCode: expect.stringMatching(/^FZX-[A-Z]+\d\d-B?\d+$/),
    });
  });

  it('returns only what changed since updatedSince (inclusive)', async () => {
    const before = await readAll<RoomRecord>('rooms');
    const last = before[before.length - 1]!.updatedAt;
    const touched = sim.touchRooms(3);
    const since = await get<Page<RoomRecord>>(
      `/api/v1/rooms?updatedSince=${encodeURIComponent(last)}&pageSize=1000`,
    );
    const ids = since.body.data.records.map((r) => r.id);
    for (const id of touched) expect(ids).toContain(id);
    // Everything returned is at or after the boundary, and the boundary's own records come again.
    for (const r of since.body.data.records) expect(r.updatedAt >= last).toBe(true);
    expect(since.body.data.total).toBeLessThan(10);
    const iso = new Date(parseBeijingTime(last)).toISOString();
    const same = await get<Page<RoomRecord>>(`/api/v1/rooms?updatedSince=${iso}&pageSize=1000`);
    expect(same.body.data.total).toBe(since.body.data.total);
  });

  it('refuses a wrong or missing token with 401', async () => {
    const wrong = await get<{ code: number }>('/api/v1/rooms', 'not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('Bearer');
    const missing = await fetch(`${sim.url}/api/v1/buildings`);
    expect(missing.status).toBe(401);
  });

  it('rejects a bad page size and a bad updatedSince with 400', async () => {
    expect((await get('/api/v1/rooms?pageSize=5000')).status).toBe(400);
    expect((await get('/api/v1/rooms?updatedSince=yesterday')).status).toBe(400);
  });

  it('shows a removed room as gone and ends its allocations', async () => {
    const alloc = (await readAll<{ id: number; roomId: number; endDate: string | null }>('allocations')).find(
      (a) => a.endDate === null,
    )!;
    sim.removeRoom(alloc.roomId);
    const rooms = await readAll<RoomRecord>('rooms');
    expect(rooms.some((r) => r.id === alloc.roomId)).toBe(false);
    const after = await readAll<{ id: number; endDate: string | null }>('allocations');
    expect(after.find((a) => a.id === alloc.id)!.endDate).not.toBeNull();
  });

  it('serves the same data for the same seed', async () => {
    const twin = await startOfficeSpace({
      district: generateDistrict({ seed: 'office-space-test', scale: 0.25 }),
    });
    try {
      for (const c of ['buildings', 'agencies', 'floors']) {
        const a = await (
          await fetch(`${sim.url}/api/v1/${c}?pageSize=1000`, {
            headers: { authorization: `Bearer ${sim.token}` },
          })
        ).text();
        const b = await (
          await fetch(`${twin.url}/api/v1/${c}?pageSize=1000`, {
            headers: { authorization: `Bearer ${twin.token}` },
          })
        ).text();
        expect(b).toBe(a);
      }
    } finally {
      await twin.stop();
    }
  });
});

describe('office-space exports', () => {
  it('writes a GBK rooms CSV that decodes to the same rows as the API, and allocations as CSV and XLSX', async () => {
    const paths = await sim.exportNow();
    expect(paths.map((p) => p.split('/').pop())).toEqual([
      expect.stringMatching(/^房间台账_\d{14}\.csv$/),
      expect.stringMatching(/^分配台账_\d{14}\.csv$/),
      expect.stringMatching(/^分配台账_\d{14}\.xlsx$/),
    ]);
    const raw = await readFile(paths[0]!);
    expect(raw.includes(Buffer.from('房间', 'utf8'))).toBe(false); // not UTF-8
    const rows = parse(iconv.decode(raw, 'gbk'), { columns: true }) as Record<string, string>[];
    const api = await readAll<RoomRecord>('rooms');
    expect(rows).toHaveLength(api.length);
    const byCode = new Map(rows.map((r) => [r['房间编码'], r]));
    for (const r of api) {
      const row = byCode.get(r.roomCode)!;
      expect(row).toMatchObject({
        楼栋编码: r.buildingCode,
        楼层: String(r.floorNo),
        房间号: r.roomNo,
        用房类别: r.category,
        房间用途: r.usage,
        '使用面积(㎡)': String(r.usableArea),
        使用状态: r.status,
        更新时间: r.updatedAt,
      });
    }
    const allocCsv = parse(iconv.decode(await readFile(paths[1]!), 'gbk'), { columns: true }) as Record<
      string,
      string
    >[];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(paths[2]!);
    const sheet = workbook.getWorksheet('分配台账')!;
    expect(sheet.rowCount - 1).toBe(allocCsv.length);
    expect(String(sheet.getRow(2).getCell(6).value)).toBe(allocCsv[0]!['统一社会信用代码']);
    expect((await readdir(exportDir)).some((f) => f.endsWith('.tmp'))).toBe(false);
  });
});

describe('office-space fault knobs', () => {
  it('answers 429 with Retry-After, then recovers', async () => {
    sim.faults.set({ rateLimitNext: 1, retryAfterSeconds: 7 });
    const limited = await get<{ code: number }>('/api/v1/rooms');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await get('/api/v1/rooms')).status).toBe(200);
  });

  it('fails with 500 at the error rate', async () => {
    sim.faults.set({ errorRate: 1 });
    expect((await get('/api/v1/rooms')).status).toBe(500);
  });

  it('adds latency', async () => {
    sim.faults.set({ latencyMs: 150 });
    const t = performance.now();
    await get('/api/v1/buildings');
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('drops the connection in the middle of a page', async () => {
    sim.faults.set({ dropNext: 1 });
    const res = await fetch(`${sim.url}/api/v1/rooms?pageSize=1000`, {
      headers: { authorization: `Bearer ${sim.token}` },
    });
    expect(res.status).toBe(200);
    // Depending on the client, the cut shows as a read error or as a body shorter than Content-Length.
    const body = await res.arrayBuffer().catch(() => null);
    expect(body === null || body.byteLength < Number(res.headers.get('content-length'))).toBe(true);
    expect((await get('/api/v1/rooms')).status).toBe(200);
  });

  it('malforms records in each named way', async () => {
    const seen = new Set<string>();
    for (const kind of [
      'area-with-unit',
      'fullwidth-digits',
      'impossible-date',
      'missing-building',
      'duplicate-id',
      'trailing-spaces',
    ] as const) {
      sim.faults.set({ malformedRate: 1, malformedKinds: [kind] });
      const { body } = await get<Page<RoomRecord>>('/api/v1/rooms?pageSize=5');
      const r = body.data.records[1]!;
      const prev = body.data.records[0]!;
      if (kind === 'area-with-unit') expect(r.usableArea).toMatch(/^\d+(\.\d+)?㎡$/);
      if (kind === 'fullwidth-digits') expect(r.usableArea).toMatch(/^[０-９]+(\.[０-９]+)?$/);
      if (kind === 'impossible-date') expect(r.updatedAt).toMatch(/^\d{4}-02-30 /);
      if (kind === 'missing-building') expect(r.buildingCode).toBe('');
      if (kind === 'duplicate-id') expect(r.id).toBe(prev.id);
      if (kind === 'trailing-spaces') expect(r.roomNo).toMatch(/\S {2}$/);
      seen.add(kind);
    }
    expect(seen.size).toBe(6);
  });

  it('repeats records and puts them out of order', async () => {
    sim.faults.set({ duplicateRate: 1 });
    const dup = (await get<Page<RoomRecord>>('/api/v1/rooms?pageSize=4')).body.data.records;
    expect(dup).toHaveLength(8);
    expect(dup[1]).toEqual(dup[0]);
    sim.faults.reset().set({ outOfOrderRate: 1 });
    const shuffled = (await get<Page<RoomRecord>>('/api/v1/rooms?pageSize=4')).body.data.records;
    const ordered = (sim.faults.reset(), await get<Page<RoomRecord>>('/api/v1/rooms?pageSize=4')).body.data
      .records;
    expect(shuffled.map((r) => r.id)).toEqual([
      ordered[1]!.id,
      ordered[0]!.id,
      ordered[3]!.id,
      ordered[2]!.id,
    ]);
  });

  it('truncates an export mid-row and writes an empty file on error', async () => {
    sim.faults.set({ dropNext: 1 });
    const [truncated] = await sim.exportNow();
    const text = iconv.decode(await readFile(truncated!), 'gbk');
    expect(text.endsWith('\r\n')).toBe(false);
    expect(() => parse(text, { columns: true })).toSatisfy((f: () => unknown) => {
      try {
        const rows = f() as Record<string, string>[];
        return rows.length < district.rooms.length;
      } catch {
        return true;
      }
    });
    sim.faults.reset().set({ errorNext: 1 });
    const [empty] = await sim.exportNow();
    expect((await readFile(empty!)).length).toBe(0);
  });
});
