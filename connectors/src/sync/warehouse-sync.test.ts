import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing/test-database';
import { generateDistrict } from '../simulators/district/district.ts';
import { startOfficeSpace, type OfficeSpaceSimulator } from '../simulators/office-space/office-space.ts';
import { startWarehouse, type WarehouseSimulator } from '../simulators/warehouse/warehouse.ts';
import { loadHubConfig } from '../config/load-config.ts';
import type { HubConfig } from '../config/hub-config.ts';
import { runSync } from './run-sync.ts';

// The warehouse's exports dropped into a real inbox folder (GBK CSV, UTF-8 with BOM, XLSX), read with
// the repository's hub.config.yaml; rooms and agencies come from the office-space simulator.
describe('warehouse sync (file inbox)', () => {
  const district = generateDistrict({ scale: 0.1, seed: 'warehouse-test' });
  let office: OfficeSpaceSimulator;
  let warehouse: WarehouseSimulator;
  let inbox: string;
  let hub: TestDatabase;
  let config: HubConfig;

  beforeAll(async () => {
    inbox = await mkdtemp(join(tmpdir(), 'hub-warehouse-'));
    office = await startOfficeSpace({ district });
    warehouse = await startWarehouse({ district, inboxDir: inbox });
    config = loadHubConfig(undefined, { OFFICE_SPACE_URL: office.url, WAREHOUSE_INBOX: inbox });
    hub = await createTestDatabase();
    const base = await runSync({
      databaseUrl: hub.url,
      config,
      source: 'office-space',
      streams: ['buildings', 'floors', 'rooms', 'agencies'],
    });
    expect(base.status).toBe('SUCCEEDED');
  });
  afterAll(async () => {
    await warehouse?.stop();
    await office?.stop();
    await hub?.drop();
    await rm(inbox, { recursive: true, force: true });
  });

  const sync = () => runSync({ databaseUrl: hub.url, config, source: 'warehouse', trigger: 'test' });

  it('loads the GBK asset ledger with holders and rooms resolved; the XLSX of the same ledger changes nothing', async () => {
    await warehouse.dropExport('assets', { format: 'csv', encoding: 'gbk' });
    const first = await sync();
    expect(first.status, first.error?.message).toBe('SUCCEEDED');
    const reasons = await hub.prisma.rejectedRecord.findMany({ take: 3, select: { reason: true } });
    expect(first.rejected, JSON.stringify(reasons)).toBe(0);
    expect(first.written).toBe(district.assets.length);
    expect(await hub.prisma.asset.count()).toBe(district.assets.length);
    const placed = district.assets.filter((a) => a.roomId !== null).length;
    expect(await hub.prisma.asset.count({ where: { roomId: { not: null } } })).toBe(placed);

    await warehouse.dropExport('assets', { format: 'xlsx' });
    const again = await sync();
    expect(again.status).toBe('SUCCEEDED');
    expect(again.read).toBe(district.assets.length);
    expect(again.written).toBe(0);
    expect(await readdir(join(inbox, 'archive', 'processed'))).toHaveLength(2);
  });

  it('loads transfers from UTF-8 with BOM, and writes only the assets an export changed', async () => {
    await warehouse.dropExport('transfers', { format: 'csv', encoding: 'utf8-bom' });
    const transfers = await sync();
    expect(transfers.status).toBe('SUCCEEDED');
    expect(transfers.rejected).toBe(0);
    expect(await hub.prisma.assetTransfer.count()).toBe(district.transfers.length);

    const touched = warehouse.touchAssets(7);
    await warehouse.dropExport('assets', { format: 'csv', encoding: 'gbk' });
    const changed = await sync();
    expect(changed.written).toBe(touched.length);
  });
});
