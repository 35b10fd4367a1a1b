import { join } from 'node:path';
import { startSimulators, type Simulators } from '@district-hub/simulators';
import type { Database } from '@district-hub/schema/database';
import type { Logger } from '@district-hub/schema';

export interface DemoSourcesOptions {
  seed?: string;
  scale?: number;
  /** Periodic exports, drops and anomalies, as a live district has; default true. */
  lively?: boolean;
  /** Broker for the logistics system; default an in-process aedes broker. */
  mqttUrl?: string;
  /** Topic root of the logistics system; default `zhhq`. */
  topicRoot?: string;
}

export interface DemoSources {
  simulators: Simulators;
  /** What hub.config.yaml's `${…}` placeholders read, pointing every source at its simulator. */
  env: Record<string, string>;
}

/** PostgreSQL's limit on identifiers, database names included. */
const MAX_NAME_LENGTH = 63;

/**
 * The simulated vehicle platform's database, named after the hub's own database (`hub` →
 * `hub_vehicle_platform`): hubs sharing one server (parallel test runs, two demos on one DATABASE_URL
 * server) each have their own database there, so each one's simulator seeds and syncs its own.
 */
export function demoVehicleDatabaseName(hubDatabaseUrl: string): string {
  const hubName = decodeURIComponent(new URL(hubDatabaseUrl).pathname.slice(1)) || 'hub';
  return `${hubName.slice(0, MAX_NAME_LENGTH - '_vehicle_platform'.length)}_vehicle_platform`;
}

/**
 * The `npm start` demo's source systems: the four simulators, started from one district, with the
 * vehicle platform's legacy database in a database of its own beside the hub's (on the embedded server,
 * or on the server of DATABASE_URL). The sources file reads them through its `${…}` placeholders.
 */
export async function startDemoSources(
  database: Database,
  dataDir: string,
  options: DemoSourcesOptions,
  /** The `simulators` component's logger. */
  logger: Logger,
): Promise<DemoSources> {
  const simulators = await startSimulators({
    seed: options.seed,
    scale: options.scale,
    vehicleDatabaseUrl: await database.siblingUrl(demoVehicleDatabaseName(database.url)),
    mqttUrl: options.mqttUrl,
    topicRoot: options.topicRoot,
    dataDir: join(dataDir, 'simulators'),
    lively: options.lively ?? true,
    logger,
  });
  const { officeSpace, vehiclePlatform, logistics, warehouse, addresses } = simulators;
  return {
    simulators,
    env: {
      OFFICE_SPACE_URL: officeSpace.url,
      OFFICE_SPACE_TOKEN: officeSpace.token,
      OFFICE_SPACE_INBOX: addresses.officeSpaceExports,
      VEHICLE_PLATFORM_DRIVER: 'postgres',
      VEHICLE_PLATFORM_URL: vehiclePlatform?.url ?? '',
      LOGISTICS_API_URL: logistics.apiUrl,
      LOGISTICS_API_KEY: logistics.apiKey,
      LOGISTICS_MQTT_URL: logistics.mqttUrl,
      LOGISTICS_TOPIC_ROOT: logistics.topicRoot,
      // A persistent session per topic root: two demo hubs on one broker (tests) must not take over
      // each other's session now that a worker follows it continuously.
      LOGISTICS_MQTT_CLIENT_ID: `district-hub-${logistics.topicRoot.replace(/[^\w-]/g, '-')}`.slice(0, 64),
      WAREHOUSE_INBOX: warehouse.inboxDir,
    },
  };
}
