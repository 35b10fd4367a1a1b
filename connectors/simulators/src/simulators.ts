/**
 * Starts the four simulated systems from one district, for `npm run simulators` and the `npm start`
 * demo. Each system gets its own fault knobs; addresses are reported for printing and for the hub's
 * configuration.
 */
import { join } from 'node:path';
import type { Logger } from '@district-hub/schema';
import { generateDistrict } from './district/district.ts';
import type { District } from './district/types.ts';
import type { FaultKnobs } from './faults.ts';
import { startLogistics, type LogisticsSimulator } from './logistics/logistics.ts';
import { startOfficeSpace, type OfficeSpaceSimulator } from './office-space/office-space.ts';
import { startVehiclePlatform, type VehiclePlatformSimulator } from './vehicle-platform/vehicle-platform.ts';
import { startWarehouse, type WarehouseSimulator } from './warehouse/warehouse.ts';

export interface SimulatorsOptions {
  seed?: string;
  scale?: number;
  /** A district generated beforehand; otherwise one from seed/scale. */
  district?: District;
  /** Vehicle platform database (`mysql://…` or `postgres://…`); null leaves the vehicle platform off. */
  vehicleDatabaseUrl: string | null;
  /** Broker for the logistics system; absent: an in-process aedes broker. */
  mqttUrl?: string;
  /** Folder for the office-space exports and the warehouse inbox. */
  dataDir: string;
  /** Fixed ports (0 or absent: free ones). */
  ports?: { officeSpace?: number; logistics?: number; broker?: number; vehicleProxy?: number };
  /** Knobs applied to every system at start. */
  faults?: Partial<FaultKnobs>;
  /** Topic root of the logistics system. Default `zhhq`. */
  topicRoot?: string;
  /** Demo life: periodic exports and drops, an anomaly now and then. Default false. */
  lively?: boolean;
  /** Hours of vehicle history written at start. Default 24. */
  historyHours?: number;
  /** Clock shared by every system (tests pin it). Default `Date.now`. */
  now?: () => number;
  /** Where the systems log failures of their periodic work; default nowhere. */
  logger?: Logger;
}

export interface Simulators {
  district: District;
  officeSpace: OfficeSpaceSimulator;
  vehiclePlatform: VehiclePlatformSimulator | null;
  logistics: LogisticsSimulator;
  warehouse: WarehouseSimulator;
  /** Each system's address, one line each, for printing. */
  addresses: Record<
    | 'officeSpace'
    | 'officeSpaceExports'
    | 'vehiclePlatform'
    | 'logisticsMqtt'
    | 'logisticsApi'
    | 'warehouseInbox',
    string
  >;
  stop(): Promise<void>;
}

export async function startSimulators(o: SimulatorsOptions): Promise<Simulators> {
  const district =
    o.district ??
    generateDistrict({ ...(o.seed ? { seed: o.seed } : {}), ...(o.scale ? { scale: o.scale } : {}) });
  const exportDir = join(o.dataDir, 'office-space-exports');
  const inboxDir = join(o.dataDir, 'warehouse-inbox');
  const lively = o.lively ?? false;
  const started: { stop(): Promise<void> }[] = [];
  const shared = { ...(o.now ? { now: o.now } : {}), ...(o.logger ? { logger: o.logger } : {}) };
  try {
    const officeSpace = await startOfficeSpace({
      district,
      port: o.ports?.officeSpace ?? 0,
      exportDir,
      exportIntervalMs: lively ? 10 * 60_000 : 0,
      faults: { ...o.faults },
      ...shared,
    });
    started.push(officeSpace);
    const vehiclePlatform = o.vehicleDatabaseUrl
      ? await startVehiclePlatform({
          district,
          databaseUrl: o.vehicleDatabaseUrl,
          proxyPort: o.ports?.vehicleProxy ?? 0,
          historyHours: o.historyHours ?? 24,
          faults: { ...o.faults },
          ...shared,
        })
      : null;
    if (vehiclePlatform) started.push(vehiclePlatform);
    const logistics = await startLogistics({
      district,
      ...(o.mqttUrl ? { mqttUrl: o.mqttUrl } : {}),
      brokerPort: o.ports?.broker ?? 0,
      port: o.ports?.logistics ?? 0,
      topicRoot: o.topicRoot ?? 'zhhq',
      anomalyEveryMs: lively ? 3 * 60_000 : 0,
      faults: { ...o.faults },
      ...shared,
    });
    started.push(logistics);
    const warehouse = await startWarehouse({
      district,
      inboxDir,
      dropIntervalMs: lively ? 15 * 60_000 : 0,
      faults: { ...o.faults },
      ...shared,
    });
    started.push(warehouse);
    if (lively) {
      await officeSpace.exportNow();
      await warehouse.dropExport('assets');
      await warehouse.dropExport('transfers', { format: 'xlsx' });
    }
    return {
      district,
      officeSpace,
      vehiclePlatform,
      logistics,
      warehouse,
      addresses: {
        officeSpace: officeSpace.url,
        officeSpaceExports: exportDir,
        vehiclePlatform: vehiclePlatform?.url ?? 'off',
        logisticsMqtt: `${logistics.mqttUrl} (topics ${logistics.topicRoot}/#)`,
        logisticsApi: `${logistics.apiUrl}/prod-api`,
        warehouseInbox: inboxDir,
      },
      async stop() {
        for (const s of started.reverse()) await s.stop();
      },
    };
  } catch (err) {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    throw err;
  }
}
