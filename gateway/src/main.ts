import { HubError, createLogger, type Logger } from '@district-hub/schema';
import { readHubEnv, type HubEnv } from './config/hub-env.ts';
import { startHub, type HubRole } from './start-hub.ts';

const ROLES: HubRole[] = ['all', 'gateway', 'worker'];

function parseRole(argv: string[]): HubRole {
  const index = argv.indexOf('--role');
  const value = index >= 0 ? argv[index + 1] : argv.find((a) => a.startsWith('--role='))?.slice(7);
  if (value === undefined) return 'all';
  if ((ROLES as string[]).includes(value)) return value as HubRole;
  throw new HubError('config/invalid', `--role must be one of ${ROLES.join(', ')}, not "${value}"`);
}

async function main(env: HubEnv, logger: Logger): Promise<void> {
  const role = parseRole(process.argv.slice(2));
  const simulators = (env.SIMULATORS ?? (env.DATABASE_URL ? 'off' : 'on')) === 'on';
  if (simulators) logger.info('starting the simulated source systems and the first sync of each source…');
  const hub = await startHub({
    port: env.PORT,
    workerPort: env.WORKER_PORT,
    metricsPort: env.METRICS_PORT,
    metricsToken: env.METRICS_TOKEN,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    redisUrl: env.REDIS_URL,
    queueBackend: env.QUEUE_BACKEND,
    configPath: env.HUB_CONFIG,
    role,
    demoKeys: simulators,
    simulators: simulators ? {} : false,
    production: env.NODE_ENV === 'production',
    logger,
  });
  const lines = ['', `District Hub is running (role: ${role})`];
  if (hub.url) {
    lines.push(
      `  GraphQL     ${hub.graphqlUrl}`,
      `  Twin        ${hub.viewerUrl}${hub.keys ? `?key=${hub.keys.operator}` : ''}`,
      `  Jobs        ${hub.url}/admin/queues${hub.keys ? `?key=${hub.keys.admin}` : ''}`,
    );
  }
  if (hub.probesUrl) {
    lines.push(`  Health      ${hub.probesUrl}/healthz  ${hub.probesUrl}/readyz  ${hub.probesUrl}/metrics`);
  }
  if (hub.demo) {
    const a = hub.demo.simulators.addresses;
    lines.push(
      '  Simulated sources',
      `    office space      ${a.officeSpace}  (exports ${a.officeSpaceExports})`,
      `    vehicle platform  ${a.vehiclePlatform}`,
      `    logistics         ${a.logisticsMqtt}, ${a.logisticsApi}`,
      `    warehouse inbox   ${a.warehouseInbox}`,
    );
  }
  if (hub.keys) lines.push(`  Operator key  ${hub.keys.operator}`, `  Admin key     ${hub.keys.admin}`);
  lines.push(
    `  Database    ${hub.database.embedded ? `embedded PostgreSQL in ${hub.database.embedded.pgData}` : 'DATABASE_URL'}`,
    `  Queues      BullMQ on ${env.QUEUE_BACKEND ?? (env.REDIS_URL ? 'redis' : 'postgres')}`,
    '',
  );
  // For the person who ran `npm start`: plain text on stdout whatever the log format.
  console.log(lines.join('\n'));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal}: stopping`);
    hub.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.fatal({ err }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

let env: HubEnv;
try {
  env = readHubEnv();
} catch (error) {
  // Before there is a logger: the variable that failed may be LOG_LEVEL or LOG_FORMAT itself.
  console.error(`district-hub: ${(error as Error).message}`);
  process.exit(1);
}
const logger = createLogger({
  level: env.LOG_LEVEL,
  ...(env.LOG_FORMAT ? { pretty: env.LOG_FORMAT === 'pretty' } : {}),
});
// A crash is logged as one more line (written at once, before Node prints the error and exits).
process.on('uncaughtExceptionMonitor', (err, origin) => logger.fatal({ err, origin }, 'the hub crashed'));

main(env, logger).catch((error: unknown) => {
  // A problem a person can fix is one line; anything else keeps its stack for the bug report.
  if (error instanceof HubError) logger.fatal({ code: error.code }, error.message);
  else logger.fatal({ err: error }, 'the hub stopped on an unexpected error');
  process.exit(1);
});
