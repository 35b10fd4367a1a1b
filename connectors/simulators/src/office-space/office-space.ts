/**
 * The simulated office-space management system (办公用房管理信息系统): its HTTP API, its export files,
 * and the changes a test needs to make while a connector watches (README.md).
 */
import type { AddressInfo } from 'node:net';
import { Rng } from '../district/prng.ts';
import type { Faults } from '../faults.ts';
import {
  resolveDistrict,
  resolveFaults,
  resolveLogger,
  type CommonSimulatorOptions,
} from '../shared/options.ts';
import { localDate, localDateTime } from '../time.ts';
import { writeOfficeSpaceExports } from './exports.ts';
import { ROOM_STATUS_NAMES, buildStore, type OfficeSpaceStore, type RoomRecord } from './records.ts';
import { buildOfficeSpaceServer } from './server.ts';

export interface OfficeSpaceOptions extends CommonSimulatorOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 picks a free one. Default 0. */
  port?: number;
  /** The bearer token the API accepts. Default `office-space-dev-token`. */
  token?: string;
  /** Folder the exports are written to; without it `exportNow()` throws. */
  exportDir?: string;
  /** Export every so many ms (0 = only on `exportNow()`). Default 0. */
  exportIntervalMs?: number;
}

export interface OfficeSpaceSimulator {
  url: string;
  token: string;
  faults: Faults;
  store: OfficeSpaceStore;
  /** Writes the rooms CSV, allocations CSV and allocations XLSX now; returns their paths. */
  exportNow(): Promise<string[]>;
  /** Changes `n` rooms (status, or a corrected area) and bumps their `updatedAt`; returns their ids. */
  touchRooms(n: number): number[];
  /** Changes `n` allocations' occupants and bumps their `updatedAt`; returns their ids. */
  touchAllocations(n: number): number[];
  /** Deletes a room; its current allocations end today. */
  removeRoom(id: number): void;
  stop(): Promise<void>;
}

export async function startOfficeSpace(options: OfficeSpaceOptions = {}): Promise<OfficeSpaceSimulator> {
  const district = resolveDistrict(options);
  const faults = resolveFaults(options.faults);
  const now = options.now ?? Date.now;
  const log = resolveLogger(options);
  const token = options.token ?? 'office-space-dev-token';
  const store = buildStore(district);
  const app = buildOfficeSpaceServer(store, token, faults);
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address() as AddressInfo;
  const rng = new Rng(`${district.info.seed}/office-space-changes`);
  let lastChange = 0;
  const stamp = () => (lastChange = Math.max(now(), lastChange + 1));

  const exportNow = async () => {
    if (!options.exportDir) throw new Error('office-space simulator: exportNow() needs the exportDir option');
    return writeOfficeSpaceExports(store, options.exportDir, faults, now());
  };
  let exporting: Promise<unknown> = Promise.resolve();
  const timer =
    options.exportIntervalMs && options.exportDir
      ? setInterval(() => {
          exporting = exportNow().catch((err: unknown) =>
            log.error({ err }, 'office-space simulator: export failed'),
          );
        }, options.exportIntervalMs)
      : null;

  const pick = <T>(items: readonly T[], n: number): T[] => {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(n, items.length)) chosen.add(rng.int(0, items.length - 1));
    return [...chosen].map((i) => items[i] as T);
  };

  return {
    url: `http://${address.address}:${address.port}`,
    token,
    faults,
    store,
    exportNow,
    touchRooms(n) {
      return pick(store.rooms.ordered(), n).map((s) => {
        const updatedMs = stamp();
        const r: RoomRecord = { ...s.record, updatedAt: localDateTime(updatedMs) };
        if (r.category === '办公室') {
          r.status =
            r.status === ROOM_STATUS_NAMES.IN_USE ? ROOM_STATUS_NAMES.IDLE : ROOM_STATUS_NAMES.IN_USE;
        } else {
          r.usableArea = Math.round((Number(r.usableArea) + 0.5) * 100) / 100;
        }
        store.rooms.put({ id: s.id, updatedMs, record: r });
        return s.id;
      });
    },
    touchAllocations(n) {
      return pick(store.allocations.ordered(), n).map((s) => {
        const updatedMs = stamp();
        const occupants = Number(s.record.occupants);
        store.allocations.put({
          id: s.id,
          updatedMs,
          record: {
            ...s.record,
            occupants: occupants > 1 ? occupants - 1 : occupants + 1,
            updatedAt: localDateTime(updatedMs),
          },
        });
        return s.id;
      });
    },
    removeRoom(id) {
      if (!store.rooms.delete(id)) throw new Error(`office-space simulator: no room ${id}`);
      for (const s of store.allocations
        .ordered()
        .filter((a) => a.record.roomId === id && a.record.endDate === null)) {
        const updatedMs = stamp();
        store.allocations.put({
          id: s.id,
          updatedMs,
          record: { ...s.record, endDate: localDate(updatedMs), updatedAt: localDateTime(updatedMs) },
        });
      }
    },
    async stop() {
      if (timer) clearInterval(timer);
      await exporting;
      await app.close();
    },
  };
}
