/**
 * The simulated public property warehouse (资产管理系统 / 公物仓): ledgers exported as CSV (GBK or
 * UTF-8 with BOM) or XLSX into an inbox folder, on demand and periodically (README.md).
 */
import { Rng } from '../district/prng.ts';
import type { Asset } from '../district/types.ts';
import { applyRecordFaults, type Faults } from '../faults.ts';
import { corruptRecord } from '../shared/corrupt.ts';
import {
  resolveDistrict,
  resolveFaults,
  resolveLogger,
  type CommonSimulatorOptions,
} from '../shared/options.ts';
import { deliverFile, encodeCsv, encodeXlsx, type CsvEncoding } from '../shared/tabular.ts';
import { compactDateTime } from '../time.ts';
import {
  ASSET_HEADERS,
  ASSET_ROLES,
  TRANSFER_HEADERS,
  TRANSFER_ROLES,
  assetRow,
  transferRow,
  type Row,
} from './records.ts';

export type WarehouseExportKind = 'assets' | 'transfers';

export interface DropOptions {
  /** Default `csv`. */
  format?: 'csv' | 'xlsx';
  /** CSV only. Default `gbk`. */
  encoding?: CsvEncoding;
}

export interface WarehouseOptions extends CommonSimulatorOptions {
  /** Folder the files are dropped into (created if missing). */
  inboxDir: string;
  /** Drop both ledgers every so many ms; 0 only on `dropExport()`. Default 0. */
  dropIntervalMs?: number;
  /** Format and encoding of periodic drops. Default CSV in GBK. */
  periodic?: DropOptions;
}

export interface WarehouseSimulator {
  inboxDir: string;
  faults: Faults;
  /** Writes one export file; returns its path. */
  dropExport(kind: WarehouseExportKind, options?: DropOptions): Promise<string>;
  /** Changes `n` assets (status, condition) so the next export shows them with a new 更新时间; returns their tags. */
  touchAssets(n: number): string[];
  stop(): Promise<void>;
}

const FILE_PREFIX = { assets: '资产台账', transfers: '调拨记录' } as const;

export async function startWarehouse(options: WarehouseOptions): Promise<WarehouseSimulator> {
  const district = resolveDistrict(options);
  const faults = resolveFaults(options.faults);
  const now = options.now ?? Date.now;
  const log = resolveLogger(options);
  const rooms = new Map(district.rooms.map((r) => [r.id, r]));
  const assets: Asset[] = district.assets.map((a) => ({ ...a }));
  const rng = new Rng(`${district.info.seed}/warehouse-changes`);
  const used = new Set<string>();

  const fileName = (kind: WarehouseExportKind, ext: string) => {
    const base = `${FILE_PREFIX[kind]}_${compactDateTime(now())}`;
    let name = `${base}.${ext}`;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}.${ext}`;
    used.add(name);
    return name;
  };

  const dropExport = async (kind: WarehouseExportKind, o: DropOptions = {}) => {
    const headers = kind === 'assets' ? ASSET_HEADERS : TRANSFER_HEADERS;
    const roles = kind === 'assets' ? ASSET_ROLES : TRANSFER_ROLES;
    const rows: Row[] =
      kind === 'assets'
        ? assets.map((a) => assetRow(district, a, rooms))
        : district.transfers.map((t) => transferRow(district, t));
    const faulty = applyRecordFaults(rows, faults, (r, k, p) => corruptRecord(r, k, p, roles));
    const cells = faulty.map((r) => headers.map((h) => r[h] ?? null));
    const format = o.format ?? 'csv';
    const data =
      format === 'xlsx'
        ? await encodeXlsx(FILE_PREFIX[kind], headers, cells, now())
        : encodeCsv(headers, cells, o.encoding ?? 'gbk');
    return deliverFile(options.inboxDir, fileName(kind, format), data, faults);
  };

  let dropping: Promise<unknown> = Promise.resolve();
  const timer = options.dropIntervalMs
    ? setInterval(() => {
        dropping = dropping
          .then(() => dropExport('assets', options.periodic))
          .then(() => dropExport('transfers', options.periodic))
          .catch((err: unknown) => log.error({ err }, 'warehouse simulator: drop failed'));
      }, options.dropIntervalMs)
    : null;

  return {
    inboxDir: options.inboxDir,
    faults,
    dropExport,
    touchAssets(n) {
      const out: string[] = [];
      for (let i = 0; i < n; i++) {
        const a = assets[rng.int(0, assets.length - 1)] as Asset;
        a.condition = a.condition === '良好' ? '一般' : '良好';
        if (a.status === 'IN_USE' && rng.chance(0.5)) a.status = 'IDLE';
        a.updatedAt = now();
        out.push(a.tag);
      }
      return out;
    },
    async stop() {
      if (timer) clearInterval(timer);
      await dropping;
    },
  };
}
