import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDistrict } from '../district/district.ts';
import { startWarehouse, type WarehouseSimulator } from './warehouse.ts';

const district = generateDistrict({ seed: 'warehouse-test', scale: 0.1 });
const NOW = Date.parse('2026-03-04T10:00:00+08:00');
let inbox: string;
let sim: WarehouseSimulator;

const rowsOf = async (path: string, encoding: 'gbk' | 'utf8' = 'gbk') =>
  parse(iconv.decode(await readFile(path), encoding), { columns: true, bom: true }) as Record<
    string,
    string
  >[];

beforeAll(async () => {
  inbox = await mkdtemp(join(tmpdir(), 'warehouse-'));
  sim = await startWarehouse({ district, inboxDir: inbox, now: () => NOW });
});
afterAll(async () => {
  await sim.stop();
  await rm(inbox, { recursive: true, force: true });
});
afterEach(() => {
  sim.faults.reset();
});

describe('warehouse exports', () => {
  it('drops the asset ledger as GBK CSV with Chinese headers, vehicles with their plates', async () => {
    const path = await sim.dropExport('assets');
    expect(basename(path)).toMatch(/^资产台账_20260304100000(_\d+)?\.csv$/);
    const rows = await rowsOf(path);
    expect(rows).toHaveLength(district.assets.length);
    expect(Object.keys(rows[0]!)).toContain('资产分类代码');
    const plates = rows.filter((r) => r['车牌号']).map((r) => r['车牌号']);
    expect(new Set(plates)).toEqual(new Set(district.vehicles.map((v) => v.plate)));
    expect(rows.some((r) => /^[A-Z]+区\d+号楼B?\d+室$/.test(r['存放地点']!))).toBe(true);
    expect((await readdir(inbox)).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('drops UTF-8 with a byte-order mark, and XLSX', async () => {
    const utf8 = await sim.dropExport('transfers', { encoding: 'utf8-bom' });
    const raw = await readFile(utf8);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = await rowsOf(utf8, 'utf8');
    expect(rows).toHaveLength(district.transfers.length);
    expect(rows[0]).toHaveProperty('调拨单号');
    const xlsx = await sim.dropExport('transfers', { format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('调拨单号');
    expect(sheet.rowCount - 1).toBe(district.transfers.length);
  });

  it('writes byte-identical CSV for the same seed and clock', async () => {
    const other = await mkdtemp(join(tmpdir(), 'warehouse-'));
    const twin = await startWarehouse({
      district: generateDistrict({ seed: 'warehouse-test', scale: 0.1 }),
      inboxDir: other,
      now: () => NOW,
    });
    try {
      const a = await readFile(await sim.dropExport('assets'));
      const b = await readFile(await twin.dropExport('assets'));
      expect(b.equals(a)).toBe(true);
    } finally {
      await twin.stop();
      await rm(other, { recursive: true, force: true });
    }
  });

  it('shows touched assets with a new update time', async () => {
    const tags = sim.touchAssets(2);
    const rows = await rowsOf(await sim.dropExport('assets'));
    for (const tag of tags)
      expect(rows.find((r) => r['资产编号'] === tag)!['更新时间']).toBe('2026-03-04 10:00:00');
  });
});

describe('warehouse fault knobs', () => {
  it('truncates a file mid-row, and leaves an empty file on error', async () => {
    sim.faults.set({ dropNext: 1 });
    const cut = iconv.decode(await readFile(await sim.dropExport('assets')), 'gbk');
    expect(cut.endsWith('\r\n')).toBe(false);
    expect(cut.split('\r\n').length - 1).toBeLessThan(district.assets.length);
    sim.faults.set({ errorNext: 1 });
    expect((await readFile(await sim.dropExport('assets'))).length).toBe(0);
  });

  it('malforms rows in each named way, repeats rows and puts them out of order', async () => {
    const expectations: Record<string, (r: Record<string, string>, prev: Record<string, string>) => boolean> =
      {
        'area-with-unit': (r) => /^\d+\.\d\d元$/.test(r['原值(元)']!),
        'fullwidth-digits': (r) => /^[０-９]+\.[０-９]+$/.test(r['原值(元)']!),
        'impossible-date': (r) => /^\d{4}-02-30$/.test(r['取得日期']!),
        'missing-building': (r) => r['存放地点'] === '',
        'duplicate-id': (r, prev) => r['资产编号'] === prev['资产编号'],
        'trailing-spaces': (r) => r['资产名称']!.endsWith('  '),
      };
    for (const [kind, check] of Object.entries(expectations)) {
      sim.faults.reset().set({ malformedRate: 1, malformedKinds: [kind as 'area-with-unit'] });
      const rows = await rowsOf(await sim.dropExport('assets'));
      expect(check(rows[1]!, rows[0]!), kind).toBe(true);
    }
    sim.faults.reset().set({ duplicateRate: 1 });
    const dup = await rowsOf(await sim.dropExport('transfers'));
    expect(dup).toHaveLength(2 * district.transfers.length);
    sim.faults.reset().set({ outOfOrderRate: 1 });
    const swapped = await rowsOf(await sim.dropExport('transfers'));
    sim.faults.reset();
    const plain = await rowsOf(await sim.dropExport('transfers'));
    expect(swapped[0]!['调拨单号']).toBe(plain[1]!['调拨单号']);
  });
});
