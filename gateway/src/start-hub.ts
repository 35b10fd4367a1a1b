import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { loadHubConfig, runSync } from '@district-hub/connectors';
import {
  openDatabase,
  type Database,
  createPrismaClient,
  createSqlDb,
  createSqlPool,
} from '@district-hub/schema/database';
import {
  type PrismaClient,
  createEventBus,
  type EventBus,
  componentLogger,
  createLogger,
  type Logger,
  type LogLevel,
} from '@district-hub/schema';
import { enqueueSync, startJobs, type RunningJobs } from '@district-hub/jobs';
import { ensureViewerBuilt, viewerTrustedDocumentsDir } from '@district-hub/twin-viewer';
import { registerBullBoard } from './admin/bull-board.ts';
import { adminGuard } from './admin/admin-guard.ts';
import { AUTHENTICATOR_DEFAULTS, createAuthenticator } from './auth/authenticator.ts';
import { issueDemoKeys, type DemoKeys } from './demo/demo-keys.ts';
import { startDemoSources, type DemoSources, type DemoSourcesOptions } from './demo/demo-sources.ts';
import { registerMetricsRoute } from './http/metrics-route.ts';
import { registerProbes, startProbeServer } from './http/probe-server.ts';
import { registerViewerRoutes } from './http/viewer-routes.ts';
import { createHubMetrics } from './metrics/hub-metrics.ts';
import { checkRedis, databaseReadinessChecks, mqttReadinessChecks } from './server/readiness-checks.ts';
import { gatewayFastifyOptions } from './server/fastify-options.ts';
import { DEFAULT_TRUSTED_DOCUMENTS_DIR } from './server/gateway-options.ts';
import { registerGateway } from './server/register-gateway.ts';

export type HubRole = 'all' | 'gateway' | 'worker';

export interface StartHubOptions {
  /** Default 4000; 0 picks a free port (tests). */
  port?: number;
  /** Port of a worker's `/healthz`, `/readyz` and `/metrics`; default 4001; 0 picks a free port. */
  workerPort?: number;
  /** Serve `/metrics` on this port instead of `port` (the gateway roles); default on `port`. */
  metricsPort?: number;
  /** When set, `/metrics` answers only `Authorization: Bearer <token>`. */
  metricsToken?: string;
  host?: string;
  /** Unset runs the embedded PostgreSQL under `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  redisUrl?: string;
  queueBackend?: 'redis' | 'postgres';
  /** Namespace of queues, Redis keys and pub/sub topics; default `hub`. Tests use `test-<uuid>`. */
  prefix?: string;
  role?: HubRole;
  /** The sources file; default `HUB_CONFIG` or `hub.config.yaml`. */
  configPath?: string;
  /** Environment the sources file is interpolated from; default `process.env`. */
  configEnv?: Record<string, string | undefined>;
  /** Issue a demo operator and admin key at start (the `npm start` demo). Default false. */
  demoKeys?: boolean;
  /** Run the simulated source systems and point the sources at them (the demo). Default off. */
  simulators?: DemoSourcesOptions | false;
  /** Sync every source once, fully, before serving; default on when the simulators run. */
  initialSync?: boolean;
  production?: boolean;
  /**
   * The process's root logger (`main.ts` makes it from LOG_LEVEL and LOG_FORMAT); every part logs
   * through a child named for its component. Default: one made here at `logLevel`.
   */
  logger?: Logger;
  /** Level of the logger made when `logger` is not given; default `info` (tests pass `silent`). */
  logLevel?: LogLevel;
}

export interface RunningHub {
  role: HubRole;
  /** Base URL of the HTTP server; empty for a worker, which serves no API. */
  url: string;
  /** Base URL of `/healthz`, `/readyz` (and `/metrics` unless on a port of its own): `url`, or a worker's. */
  probesUrl: string;
  graphqlUrl: string;
  viewerUrl: string;
  database: Database;
  prisma: PrismaClient;
  events: EventBus;
  jobs: RunningJobs;
  app: FastifyInstance | null;
  keys: DemoKeys | null;
  demo: DemoSources | null;
  stop(): Promise<void>;
}

type Stop = () => Promise<unknown>;

/**
 * The pool of authentication, `/readyz` and `/metrics`: a few connections of their own, so queries
 * that fill the main pool cannot starve them, and quick to give up, so a probe says "not ready"
 * rather than hang.
 */
const CONTROL_POOL = { max: 3, connectionTimeoutMs: 2_000, statementTimeoutMs: 5_000 };

/**
 * Starts one process of the hub: the database (embedded unless DATABASE_URL), pending migrations, the
 * event bus, the job queues (workers unless role `gateway`), and the HTTP server (unless role
 * `worker`). Every part is stopped in reverse order by `stop()`.
 */
export async function startHub(options: StartHubOptions = {}): Promise<RunningHub> {
  const role = options.role ?? 'all';
  const prefix = options.prefix ?? 'hub';
  const logger = options.logger ?? createLogger({ level: options.logLevel ?? 'info' });
  const databaseLog = componentLogger(logger, 'database');
  const database = await openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    log: (line) => databaseLog.info(line),
  });
  const stops: Stop[] = [() => database.stop()];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  try {
    const sql = createSqlPool(database.url, { statementTimeoutMs: 15_000, connectionTimeoutMs: 10_000 });
    stops.push(() => sql.end());
    const prisma = createPrismaClient(database.url, { pool: sql });
    stops.push(() => prisma.$disconnect());
    const controlSql = createSqlPool(database.url, CONTROL_POOL);
    stops.push(() => controlSql.end());
    const control = createPrismaClient(database.url, { pool: controlSql });
    stops.push(() => control.$disconnect());
    const events = createEventBus(options.redisUrl, { prefix, logger: componentLogger(logger, 'events') });
    stops.push(() => events.close());
    const demo = options.simulators
      ? await startDemoSources(
          database,
          options.dataDir ?? process.env.DATA_DIR ?? '.data',
          options.simulators,
          componentLogger(logger, 'simulators'),
        )
      : null;
    if (demo) stops.push(() => demo.simulators.stop());
    const config = loadHubConfig(options.configPath, {
      ...(options.configEnv ?? process.env),
      ...demo?.env,
    });
    // Before the schedulers exist, so the first scheduled run does not wait behind (or race) this one.
    if ((options.initialSync ?? Boolean(demo)) && role !== 'gateway') {
      const syncLog = componentLogger(logger, 'sync');
      for (const source of Object.keys(config.sources)) {
        const run = await runSync({
          databaseUrl: database.url,
          config,
          source,
          full: true,
          events,
          logger: syncLog,
          trigger: 'start',
        });
        const { runId, status, read, written, rejected, durationMs, error } = run;
        syncLog[error ? 'warn' : 'info'](
          { source, runId, read, written, rejected, durationMs, ...(error ? { code: error.code } : {}) },
          `synced ${source}: ${status}${error ? ` (${error.message})` : ''}`,
        );
      }
    }
    const jobs = await startJobs({
      prisma,
      sql: createSqlDb(sql),
      events,
      config,
      databaseUrl: database.url,
      redisUrl: options.redisUrl,
      queueBackend: options.queueBackend,
      prefix,
      work: role !== 'gateway',
      logger,
    });
    stops.push(() => jobs.close());
    const redis = options.redisUrl ? new Redis(options.redisUrl, { maxRetriesPerRequest: 2 }) : undefined;
    if (redis) stops.push(() => redis.quit());
    const mqttProbes = mqttReadinessChecks(config);
    stops.push(() => mqttProbes.close());
    const checks = {
      ...databaseReadinessChecks(controlSql),
      ...(redis ? { redis: () => checkRedis(redis) } : {}),
      ...mqttProbes.checks,
    };
    const host = options.host ?? '127.0.0.1';

    let app: FastifyInstance | null = null;
    let keys: DemoKeys | null = null;
    let url = '';
    let probesUrl = '';
    if (role === 'worker') {
      const probes = await startProbeServer({ port: options.workerPort ?? 4001, host }, (probeApp) =>
        registerProbes(probeApp, {
          checks,
          authenticate: createAuthenticator(control, AUTHENTICATOR_DEFAULTS).authenticate,
          metrics: createHubMetrics(control, { processPrefix: 'hub_worker_' }),
          metricsToken: options.metricsToken,
        }),
      );
      stops.push(() => probes.close());
      probesUrl = probes.url;
    } else {
      app = Fastify(gatewayFastifyOptions(componentLogger(logger, 'gateway')));
      stops.push(() => app!.close());
      // `npm install` and `npm run build` build the viewer; a start builds it (in a child process, so
      // Vite is no dependency of the server) only when it is missing or older than its sources. First:
      // the gateway loads the build's trusted-documents manifest at registration, so the page's
      // operations, which it sends as hashes alone, are known from its first request.
      const viewerLog = componentLogger(logger, 'viewer');
      const viewer = await ensureViewerBuilt({ log: (line) => viewerLog.info(line) });
      const gateway = await registerGateway(app, {
        prisma,
        sql,
        control,
        events,
        redis,
        triggerSync: (source, full, actor) =>
          enqueueSync(jobs.queues, source, { full, trigger: `api:${actor.name}` }),
        options: {
          production: options.production ?? false,
          redisPrefix: prefix,
          trustedDocumentsDirs: [DEFAULT_TRUSTED_DOCUMENTS_DIR, viewerTrustedDocumentsDir],
          metricsToken: options.metricsToken,
          serveMetrics: options.metricsPort === undefined,
        },
      });
      stops.push(() => gateway.close());
      registerProbes(app, { checks, authenticate: gateway.authenticate });
      if (options.metricsPort !== undefined) {
        const metricsServer = await startProbeServer({ port: options.metricsPort, host }, (metricsApp) =>
          registerMetricsRoute(metricsApp, gateway.metrics, options.metricsToken),
        );
        stops.push(() => metricsServer.close());
      }
      await registerBullBoard(app, {
        queues: jobs.queues.all(),
        authorize: adminGuard(gateway.authenticate),
      });
      await registerViewerRoutes(app, viewer.dist);
      if (options.demoKeys) keys = await issueDemoKeys(prisma);
      await app.listen({ port: options.port ?? 4000, host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      url = `http://${host !== '0.0.0.0' ? host : '127.0.0.1'}:${port}`;
      probesUrl = url;
    }
    return {
      role,
      url,
      probesUrl,
      graphqlUrl: url && `${url}/graphql`,
      viewerUrl: url && `${url}/twin/`,
      database,
      prisma,
      events,
      jobs,
      app,
      keys,
      demo,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
