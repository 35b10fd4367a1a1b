import { HubError } from '@district-hub/schema';
import { readHubEnv } from './config/hub-env.ts';
import { startHub, type HubRole } from './start-hub.ts';

const ROLES: HubRole[] = ['all', 'gateway', 'worker'];

function parseRole(argv: string[]): HubRole {
  const index = argv.indexOf('--role');
  const value = index >= 0 ? argv[index + 1] : argv.find((a) => a.startsWith('--role='))?.slice(7);
  if (value === undefined) return 'all';
  if ((ROLES as string[]).includes(value)) return value as HubRole;
  throw new HubError('config/invalid', `--role must be one of ${ROLES.join(', ')}, not "${value}"`);
}

async function main(): Promise<void> {
  const env = readHubEnv();
  const role = parseRole(process.argv.slice(2));
  const simulators = (env.SIMULATORS ?? (env.DATABASE_URL ? 'off' : 'on')) === 'on';
  if (simulators) console.log('Starting the simulated source systems and the first sync of each source…');
  const hub = await startHub({
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    redisUrl: env.REDIS_URL,
    queueBackend: env.QUEUE_BACKEND,
    configPath: env.HUB_CONFIG,
    role,
    demoKeys: simulators,
    simulators: simulators ? {} : false,
    log: (line) => console.log(line),
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
  });
  const lines = ['', `District Hub is running (role: ${role})`];
  if (hub.url) {
    lines.push(
      `  GraphQL     ${hub.graphqlUrl}`,
      `  Twin        ${hub.viewerUrl}${hub.keys ? `?key=${hub.keys.operator}` : ''}`,
      `  Jobs        ${hub.url}/admin/queues${hub.keys ? `?key=${hub.keys.admin}` : ''}`,
      `  Health      ${hub.url}/healthz  ${hub.url}/readyz  ${hub.url}/metrics`,
    );
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
  console.log(lines.join('\n'));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    hub.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  // A problem a person can fix is one line; anything else keeps its stack for the bug report.
  if (error instanceof HubError) console.error(`district-hub: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
