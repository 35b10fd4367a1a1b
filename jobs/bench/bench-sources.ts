import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateDistrict,
  startOfficeSpace,
  startVehiclePlatform,
  startLogistics,
} from '@district-hub/simulators';
import { loadHubConfig } from '@district-hub/connectors';
import type { HubConfig } from '@district-hub/connectors';

export interface BenchSources {
  /**
   * The configuration of the simulators. Each call gives the MQTT connector a session of its own, so
   * every sync receives the retained births afresh and all runs do the same work.
   */
  config(): HubConfig;
  /** MQTT topic root of the logistics simulator, for publishing telemetry by hand. */
  topicRoot: string;
  stop(): Promise<void>;
}

/**
 * Every source of hub.config.yaml, each answered by its simulator over its real protocol, describing
 * one district at `scale`: office space (HTTP API), vehicle platform (MariaDB), logistics (HTTP API and
 * MQTT on the machine's Mosquitto) and the warehouse (an export inbox, empty here).
 */
export async function startBenchSources(scale: number): Promise<BenchSources> {
  const district = generateDistrict({ scale, seed: 'jobs-bench' });
  const folders = await Promise.all(
    ['export', 'office-inbox', 'warehouse-inbox'].map((n) => mkdtemp(join(tmpdir(), `hub-jobs-bench-${n}-`))),
  );
  const [exportDir, officeInbox, warehouseInbox] = folders as [string, string, string];
  const topicRoot = `bench-${randomUUID().slice(0, 8)}/zhhq`;
  const office = await startOfficeSpace({ district, exportDir });
  const vehicles = await startVehiclePlatform({
    district,
    databaseUrl: `mysql://root@127.0.0.1:3306/hubjobsbench_${randomBytes(4).toString('hex')}`,
    historyHours: Number(process.env.BENCH_HISTORY_HOURS ?? 6),
    tickIntervalMs: 0,
    dropDatabaseOnStop: true,
  });
  const logistics = await startLogistics({
    district,
    mqttUrl: 'mqtt://127.0.0.1:1883',
    topicRoot,
    publishIntervalMs: 0,
  });
  const config = () =>
    loadHubConfig(undefined, {
      ...process.env,
      OFFICE_SPACE_URL: office.url,
      OFFICE_SPACE_INBOX: officeInbox,
      VEHICLE_PLATFORM_URL: vehicles.directUrl,
      LOGISTICS_API_URL: logistics.apiUrl,
      LOGISTICS_API_KEY: logistics.apiKey,
      LOGISTICS_TOPIC_ROOT: topicRoot,
      LOGISTICS_MQTT_CLIENT_ID: `hub-jobs-bench-${randomUUID().slice(0, 8)}`,
      WAREHOUSE_INBOX: warehouseInbox,
    });
  return {
    config,
    topicRoot,
    async stop() {
      await logistics.clearRetained().catch(() => undefined);
      await Promise.allSettled([office.stop(), vehicles.stop(), logistics.stop()]);
      await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
    },
  };
}
