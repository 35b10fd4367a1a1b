import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import {
  generateDistrict,
  startOfficeSpace,
  type OfficeSpaceSimulator,
  startWarehouse,
  type WarehouseOptions,
  type WarehouseSimulator,
  ASSET_HEADERS,
  assetRow,
} from '@district-hub/simulators';
import { loadHubConfig } from '../config/load-config.ts';
import type { HubConfig } from '../config/hub-config.ts';
import { runSync } from './run-sync.ts';

/**
 * A hub database synced with the office-space simulator's rooms and agencies, and the warehouse
 * simulator exporting into a real inbox folder, read with the repository's hub.config.yaml.
 */
function useWarehouseHub(seed: string, faults?: WarehouseOptions['faults']) {
  const district = generateDistrict({ scale: 0.1, seed });
  const fixture = { district } as {
    district: typeof district;
    office: OfficeSpaceSimulator;
    warehouse: WarehouseSimulator;
    inbox: string;
    hub: TestDatabase;
    config: HubConfig;
  };
  beforeAll(async () => {
    fixture.inbox = await mkdtemp(join(tmpdir(), `hub-${seed}-`));
    fixture.office = await startOfficeSpace({ district });
    fixture.warehouse = await startWarehouse({ district, inboxDir: fixture.inbox, faults });
    fixture.config = loadHubConfig(undefined, {
      OFFICE_SPACE_URL: fixture.office.url,
      WAREHOUSE_INBOX: fixture.inbox,
    });
    fixture.hub = await createTestDatabase();
    const base = await runSync({
      databaseUrl: fixture.hub.url,
      config: fixture.config,
      source: 'office-space',
      streams: ['buildings', 'floors', 'rooms', 'agencies'],
    });
    expect(base.status).toBe('SUCCEEDED');
  });
  afterAll(async () => {
    await fixture.warehouse?.stop();
    await fixture.office?.stop();
    await fixture.hub?.drop();
    await rm(fixture.inbox, { recursive: true, force: true });
  });
  return fixture;
}

// The warehouse's exports dropped into a real inbox folder (GBK CSV, UTF-8 with BOM, XLSX), read with
// the repository's hub.config.yaml; rooms and agencies come from the office-space simulator.
describe('warehouse sync (file inbox)', () => {
  const h = useWarehouseHub('warehouse-test');
  const { district } = h;
  const sync = () =>
    runSync({ databaseUrl: h.hub.url, config: h.config, source: 'warehouse', trigger: 'test' });

  it('loads the GBK asset ledger with holders and rooms resolved; the XLSX of the same ledger changes nothing', async () => {
    await h.warehouse.dropExport('assets', { format: 'csv', encoding: 'gbk' });
    const first = await sync();
    expect(first.status, first.error?.message).toBe('SUCCEEDED');
    const reasons = await h.hub.prisma.rejectedRecord.findMany({ take: 3, select: { reason: true } });
    expect(first.rejected, JSON.stringify(reasons)).toBe(0);
    expect(first.written).toBe(district.assets.length);
    expect(await h.hub.prisma.asset.count()).toBe(district.assets.length);
    const placed = district.assets.filter((a) => a.roomId !== null).length;
    expect(await h.hub.prisma.asset.count({ where: { roomId: { not: null } } })).toBe(placed);

    await h.warehouse.dropExport('assets', { format: 'xlsx' });
    const again = await sync();
    expect(again.status).toBe('SUCCEEDED');
    expect(again.read).toBe(district.assets.length);
    expect(again.written).toBe(0);
    expect(await readdir(join(h.inbox, 'archive', 'processed'))).toHaveLength(2);
  });

  it('loads transfers from UTF-8 with BOM, and writes only the assets an export changed', async () => {
    await h.warehouse.dropExport('transfers', { format: 'csv', encoding: 'utf8-bom' });
    const transfers = await sync();
    expect(transfers.status).toBe('SUCCEEDED');
    expect(transfers.rejected).toBe(0);
    expect(await h.hub.prisma.assetTransfer.count()).toBe(district.transfers.length);
    // Transfers out of the warehouse name assets it holds itself (in no office room): they resolve too.
    const fromStock = district.transfers.filter((t) => district.assets[t.assetIndex]!.agencyIndex === null);
    expect(fromStock.length).toBeGreaterThan(0);
    expect(
      await h.hub.prisma.assetTransfer.count({ where: { asset: { holderAgencyId: null, roomId: null } } }),
    ).toBe(fromStock.length);

    const touched = h.warehouse.touchAssets(7);
    await h.warehouse.dropExport('assets', { format: 'csv', encoding: 'gbk' });
    const changed = await sync();
    expect(changed.written).toBe(touched.length);
  });
});

// The simulator's own export with its malformed-row knob on: every valid row loads (assets kept in the
// warehouse itself included), and each malformed row is cleaned where its meaning is unambiguous or
// quarantined in RejectedRecord with a reason naming the field, never anything else.
describe('warehouse sync with malformed rows', () => {
  const h = useWarehouseHub('warehouse-faults', { malformedRate: 0.05, seed: 'warehouse-faults' });
  const { district } = h;
  const rooms = new Map(district.rooms.map((r) => [r.id, r]));

  it('loads every valid row and quarantines exactly the malformed ones that cannot be cleaned', async () => {
    const path = await h.warehouse.dropExport('assets', { format: 'csv', encoding: 'gbk' });
    const rows = parse(iconv.decode(await readFile(path), 'gbk'), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(district.assets.length);
    const changed = (row: Record<string, string>, i: number) => {
      const clean = assetRow(district, district.assets[i]!, rooms);
      return ASSET_HEADERS.filter((h) => String(clean[h] ?? '') !== row[h]);
    };
    const kinds = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const fields = changed(row, i);
      if (fields.length === 0) return;
      const kind = fields.includes('资产编号')
        ? 'duplicate-id'
        : fields.includes('取得日期')
          ? 'impossible-date'
          : fields.includes('存放地点')
            ? 'missing-location'
            : fields.includes('资产名称')
              ? 'trailing-spaces'
              : /元$/.test(row['原值(元)']!)
                ? 'value-with-unit'
                : 'fullwidth-digits';
      kinds.set(kind, [...(kinds.get(kind) ?? []), i]);
    });
    expect(h.warehouse.faults.injected.malformed).toBeGreaterThan(0);

    const result = await runSync({
      databaseUrl: h.hub.url,
      config: h.config,
      source: 'warehouse',
      trigger: 'test',
    });
    expect(result.status, result.error?.message).toBe('SUCCEEDED');
    const rejects = await h.hub.prisma.rejectedRecord.findMany({ select: { reason: true, payload: true } });
    const reasonsOf = (i: number) =>
      rejects
        .filter((r) => (r.payload as Record<string, string>).tag === rows[i]!['资产编号'])
        .map((r) => r.reason);
    // Quarantined: a day that does not exist, and a second record under an id already used.
    const impossible = kinds.get('impossible-date') ?? [];
    const duplicates = kinds.get('duplicate-id') ?? [];
    expect(impossible.length).toBeGreaterThan(0);
    expect(duplicates.length).toBeGreaterThan(0);
    expect(result.rejected).toBe(impossible.length + duplicates.length);
    for (const i of impossible) {
      expect(reasonsOf(i)).toEqual([
        expect.stringMatching(/row \d+: 取得日期: "\d{4}-02-30" is not a calendar date/),
      ]);
    }
    for (const i of duplicates) {
      expect(reasonsOf(i)).toContainEqual(expect.stringMatching(/the source has two records under one id/));
    }

    // Loaded: every other row (the first of two under one id), cleaned where the meaning is unambiguous.
    const loaded = new Set(rows.map((r) => r['资产编号']));
    for (const i of impossible) loaded.delete(rows[i]!['资产编号']);
    expect(await h.hub.prisma.asset.count()).toBe(loaded.size);
    const stored = (i: number) => h.hub.prisma.asset.findFirst({ where: { tag: district.assets[i]!.tag } });
    const cleaned = [...(kinds.get('value-with-unit') ?? []), ...(kinds.get('fullwidth-digits') ?? [])];
    expect(cleaned.length).toBeGreaterThan(0);
    for (const i of cleaned) {
      expect(Number((await stored(i))?.originalValue)).toBe(district.assets[i]!.originalValue);
    }
    for (const i of kinds.get('trailing-spaces') ?? []) {
      expect((await stored(i))?.name).toBe(district.assets[i]!.name);
    }
    // An emptied 存放地点 is an asset with no recorded place (as vehicles have), not a broken row.
    for (const i of kinds.get('missing-location') ?? []) {
      expect(await stored(i)).toMatchObject({ roomId: null });
    }
    // Stock kept in the warehouse itself (存放地点 公物仓集中仓) loads with no room, none rejected.
    const stock = rows.filter((r, i) => r['存放地点'] === '公物仓集中仓' && changed(r, i).length === 0);
    expect(stock.length).toBeGreaterThan(0);
    expect(
      await h.hub.prisma.asset.count({
        where: { tag: { in: stock.map((r) => r['资产编号']!) }, status: 'IN_WAREHOUSE', roomId: null },
      }),
    ).toBe(stock.length);
  });

  it('quarantines the row a cut-short export ends in, and the next complete export loads every asset', async () => {
    const sync = () =>
      runSync({ databaseUrl: h.hub.url, config: h.config, source: 'warehouse', trigger: 'test' });
    h.warehouse.faults.reset().set({ dropNext: 1 });
    await h.warehouse.dropExport('assets', { format: 'csv', encoding: 'gbk' });
    const cut = await sync();
    expect(cut.status).toBe('SUCCEEDED');
    expect(cut.read).toBeLessThan(district.assets.length);
    expect(cut.rejected).toBe(1);
    const [reject] = await h.hub.prisma.rejectedRecord.findMany({ where: { runId: cut.runId } });
    expect(reject?.reason).toMatch(
      /row \d+: the file ends inside this row \(\d+ of 14 columns\); the export was cut short/,
    );

    await h.warehouse.dropExport('assets', { format: 'csv', encoding: 'gbk' });
    const complete = await sync();
    expect(complete.rejected).toBe(0);
    expect(complete.read).toBe(district.assets.length);
    expect(await h.hub.prisma.asset.count()).toBe(district.assets.length);
  });
});
