/**
 * The simulated smart-logistics system (智慧后勤): an MQTT publisher of births, telemetry and alarms
 * (to a given broker such as Mosquitto, or to an in-process aedes broker), and the work-order HTTP API.
 */
import net, { type AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import type { Faults } from '../faults.ts';
import {
  resolveDistrict,
  resolveFaults,
  resolveLogger,
  type CommonSimulatorOptions,
} from '../shared/options.ts';
import { ALARMS, type AnomalyKind } from './anomalies.ts';
import { LogisticsPublisher } from './publisher.ts';
import { buildingName, deviceViews } from './vocabulary.ts';
import { buildWorkOrderServer, WorkOrders } from './work-orders.ts';
import { registerEnergyRoutes } from './energy-api.ts';

export interface LogisticsOptions extends CommonSimulatorOptions {
  /** Broker to publish to, e.g. `mqtt://127.0.0.1:1883`; without it an in-process aedes broker starts. */
  mqttUrl?: string;
  /** Root of every topic. Default `zhhq`; tests use their own, e.g. `test-<uuid>/zhhq`. */
  topicRoot?: string;
  /** Port of the in-process broker; 0 picks a free one. Default 0. */
  brokerPort?: number;
  /** Work-order API port; 0 picks a free one. Default 0. */
  port?: number;
  host?: string;
  /** Key the API expects in `X-Api-Key`. Default `logistics-dev-key`. */
  apiKey?: string;
  /** How often due telemetry is published, in ms; 0 publishes only on `publishTelemetryBatch()`. Default 5000. */
  publishIntervalMs?: number;
  /** Raise a random anomaly about this often, in ms (the demo); 0 never. Default 0. */
  anomalyEveryMs?: number;
  /** Publish retained births at start. Default true. */
  births?: boolean;
  /** Closed days of daily meter rows the energy API holds, up to yesterday. Default 365. */
  meterHistoryDays?: number;
}

export interface LogisticsSimulator {
  mqttUrl: string;
  apiUrl: string;
  apiKey: string;
  topicRoot: string;
  faults: Faults;
  workOrders: WorkOrders;
  publishBirths(): Promise<number>;
  /** One sample from every device that is not silent, at `at` (default now). */
  publishTelemetryBatch(at?: number): Promise<number>;
  raiseAlarm(kind: AnomalyKind, deviceCode?: string): Promise<{ deviceCode: string; alarmId: string | null }>;
  clearAlarm(alarmId: string): Promise<void>;
  /** Stops a device's telemetry (as `raiseAlarm('silent', code)`). */
  silence(deviceCode: string): Promise<void>;
  unsilence(deviceCode: string): void;
  /** Removes the retained births of this simulator's topic root from the broker. */
  clearRetained(): Promise<void>;
  stop(): Promise<void>;
}

export async function startLogistics(options: LogisticsOptions = {}): Promise<LogisticsSimulator> {
  const district = resolveDistrict(options);
  const faults = resolveFaults(options.faults);
  const now = options.now ?? Date.now;
  const log = resolveLogger(options);
  const topicRoot = (options.topicRoot ?? 'zhhq').replace(/\/+$/, '');
  let broker: Aedes | null = null;
  let brokerServer: net.Server | null = null;
  let mqttUrl = options.mqttUrl;
  if (!mqttUrl) {
    broker = await Aedes.createBroker();
    const server = net.createServer(broker.handle);
    brokerServer = server;
    await new Promise<void>((resolve) => server.listen(options.brokerPort ?? 0, '127.0.0.1', resolve));
    mqttUrl = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const client = await mqtt.connectAsync(mqttUrl, {
    clientId: `zhhq-gateway-${Math.random().toString(16).slice(2, 10)}`,
    reconnectPeriod: 300,
  });
  const views = deviceViews(district, topicRoot);
  const publisher = new LogisticsPublisher(client, district, views, faults);
  const workOrders = new WorkOrders(views, district.info.seed);
  workOrders.seedHistory(district, Date.parse(district.info.referenceTime));
  publisher.onAlarm = (e) => {
    const definition = ALARMS[e.kind];
    if (!definition?.workOrder) return;
    workOrders.create(
      {
        title: `${buildingName(e.view.building)}${e.view.floor}${definition.workOrder}`,
        content: String(e.payload.message),
        view: e.view,
        priority: definition.level === 1 ? '1' : '2',
        reporter: '系统告警',
        alarmId: e.alarmId,
      },
      Number(e.payload.ts),
    );
  };
  const apiKey = options.apiKey ?? 'logistics-dev-key';
  const app = buildWorkOrderServer(workOrders, views, district.buildings, apiKey, faults, now);
  registerEnergyRoutes(app, district, now, options.meterHistoryDays);
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address() as AddressInfo;
  if (options.births ?? true) await publisher.publishBirths(now());

  const timers: NodeJS.Timeout[] = [];
  let busy: Promise<unknown> = Promise.resolve();
  const serially = (fn: () => Promise<unknown>) => {
    busy = busy.then(fn).catch((err: unknown) => log.error({ err }, 'logistics simulator: publish failed'));
    return busy;
  };
  const interval = options.publishIntervalMs ?? 5000;
  if (interval > 0)
    timers.push(
      setInterval(() => void serially(() => publisher.publishTelemetryBatch(now(), true)), interval),
    );
  if (options.anomalyEveryMs) {
    const kinds: AnomalyKind[] = ['leak', 'elevator-fault', 'meter-spike', 'smoke', 'silent'];
    let n = 0;
    timers.push(
      setInterval(
        () => void serially(() => publisher.raise(kinds[n++ % kinds.length] as AnomalyKind, now())),
        options.anomalyEveryMs,
      ),
    );
  }
  timers.push(setInterval(() => workOrders.progress(now()), 30_000));

  return {
    mqttUrl,
    apiUrl: `http://${address.address}:${address.port}`,
    apiKey,
    topicRoot,
    faults,
    workOrders,
    publishBirths: () => publisher.publishBirths(now()),
    publishTelemetryBatch: (at) => publisher.publishTelemetryBatch(at ?? now()),
    raiseAlarm: (kind, deviceCode) => publisher.raise(kind, now(), deviceCode),
    clearAlarm: (alarmId) => publisher.clear(alarmId, now()),
    silence: async (deviceCode) => {
      await publisher.raise('silent', now(), deviceCode);
    },
    unsilence: (deviceCode) => publisher.unsilence(deviceCode),
    async clearRetained() {
      await Promise.all(
        views.map((v) => client.publishAsync(`${v.topicBase}birth`, '', { qos: 1, retain: true })),
      );
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      await busy;
      await client.endAsync();
      await app.close();
      // The broker first: it disconnects its clients, so the listening socket can then close.
      if (broker) await new Promise<void>((resolve) => broker.close(() => resolve()));
      if (brokerServer) await new Promise<void>((resolve) => brokerServer.close(() => resolve()));
    },
  };
}
