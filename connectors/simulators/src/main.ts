/**
 * `npm run simulators`: the four simulated source systems alone, printing each one's address.
 *
 *   npm run simulators -- [--seed S] [--scale N] [--data-dir DIR] [--mysql URL | --postgres URL | --no-vehicles]
 *                         [--mqtt URL | --aedes] [--free-ports] [--faults JSON] [--quiet-demo]
 *
 * The vehicle platform goes to MariaDB at 127.0.0.1:3306 (database `vehicle_platform`) when it answers,
 * else to PostgreSQL at 127.0.0.1:5432; the logistics system publishes to Mosquitto at 127.0.0.1:1883
 * when it answers, else to an in-process broker. Ctrl-C stops everything.
 */
import net from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { componentLogger, createLogger } from '@district-hub/schema';
import { generateDistrict } from './district/district.ts';
import { startSimulators } from './simulators.ts';

const DEFAULT_PORTS = { officeSpace: 7301, logistics: 7302, broker: 7383, vehicleProxy: 7306 };

function answers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((done) => {
    const socket = net.connect({ port, host, timeout: 800 });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.once('connect', () => finish(true));
    socket.once('timeout', () => finish(false));
    socket.once('error', () => finish(false));
  });
}

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: 'district-hub' },
    scale: { type: 'string', default: '1' },
    'data-dir': { type: 'string', default: '.data/simulators' },
    mysql: { type: 'string' },
    postgres: { type: 'string' },
    'no-vehicles': { type: 'boolean', default: false },
    mqtt: { type: 'string' },
    aedes: { type: 'boolean', default: false },
    'free-ports': { type: 'boolean', default: false },
    faults: { type: 'string' },
    'quiet-demo': { type: 'boolean', default: false },
  },
});

const scale = Number(values.scale);
if (!(scale > 0)) throw new Error(`--scale must be a positive number, got ${values.scale}`);
let vehicleDatabaseUrl: string | null = null;
if (!values['no-vehicles']) {
  if (values.mysql) vehicleDatabaseUrl = values.mysql;
  else if (values.postgres) vehicleDatabaseUrl = values.postgres;
  else if (await answers(3306)) vehicleDatabaseUrl = 'mysql://root@127.0.0.1:3306/vehicle_platform';
  else if (await answers(5432)) vehicleDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/vehicle_platform';
}
const mqttUrl = values.mqtt ?? (!values.aedes && (await answers(1883)) ? 'mqtt://127.0.0.1:1883' : undefined);

const t0 = performance.now();
const district = generateDistrict({ seed: values.seed, scale });
const generatedMs = performance.now() - t0;
const sims = await startSimulators({
  district,
  vehicleDatabaseUrl,
  ...(mqttUrl ? { mqttUrl } : {}),
  dataDir: resolve(values['data-dir']),
  ...(values['free-ports'] ? {} : { ports: DEFAULT_PORTS }),
  ...(values.faults ? { faults: JSON.parse(values.faults) as object } : {}),
  lively: !values['quiet-demo'],
  logger: componentLogger(createLogger(), 'simulators'),
});

const a = sims.addresses;
console.log(
  `District Hub simulators — seed ${JSON.stringify(values.seed)}, scale ${scale}: ${district.buildings.length} buildings, ` +
    `${district.rooms.length} rooms, ${district.agencies.length} agencies, ${district.vehicles.length} vehicles, ` +
    `${district.devices.length} devices, ${district.assets.length} assets (generated in ${(generatedMs / 1000).toFixed(2)} s)`,
);
console.log(
  `  office space       ${a.officeSpace}/api/v1  (Authorization: Bearer ${sims.officeSpace.token})`,
);
console.log(`                     exports → ${a.officeSpaceExports}`);
console.log(
  `  vehicle platform   ${a.vehiclePlatform}${sims.vehiclePlatform ? `  (direct: ${sims.vehiclePlatform.directUrl})` : ''}`,
);
console.log(`  smart logistics    ${a.logisticsMqtt}`);
console.log(`                     work orders ${a.logisticsApi}  (X-Api-Key: ${sims.logistics.apiKey})`);
console.log(`  public warehouse   inbox → ${a.warehouseInbox}`);
console.log('Ctrl-C stops them.');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await sims.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
