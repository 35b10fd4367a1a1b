import Fastify, { type FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '@district-hub/schema/database/database-factory';
import { createPrismaClient, type PrismaClient } from '@district-hub/schema/database/prisma-client';
import { unappliedMigrations } from '@district-hub/schema/migrate/migration-status';
import { buildViewer } from '@district-hub/twin-viewer/build-viewer';
import { registerHealthRoutes, type ReadinessCheck } from './http/health-routes.ts';
import { registerViewerRoutes } from './http/viewer-routes.ts';

export type HubRole = 'all' | 'gateway' | 'worker';

export interface StartHubOptions {
  /** Default 4000; 0 picks a free port (tests). */
  port?: number;
  host?: string;
  /** Unset runs the embedded PostgreSQL under `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  redisUrl?: string;
  role?: HubRole;
  logLevel?: string;
}

export interface RunningHub {
  url: string;
  graphqlUrl: string;
  viewerUrl: string;
  database: Database;
  prisma: PrismaClient;
  app: FastifyInstance;
  stop(): Promise<void>;
}

/**
 * Starts the hub in one process: the database (embedded unless DATABASE_URL), pending migrations,
 * then the HTTP server. Every part is stopped in reverse order by `stop()`.
 */
export async function startHub(options: StartHubOptions = {}): Promise<RunningHub> {
  const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  const stops: (() => Promise<unknown>)[] = [() => database.stop()];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const prisma = createPrismaClient(database.url, { statementTimeoutMs: 15_000 });
    stops.push(() => prisma.$disconnect());
    const app = Fastify({
      logger: { level: options.logLevel ?? 'info' },
      requestIdHeader: 'x-request-id',
      bodyLimit: 1_048_576,
    });
    stops.push(() => app.close());
    const checks: Record<string, ReadinessCheck> = {
      database: async () => {
        await prisma.$queryRaw`SELECT 1`;
      },
      migrations: async () => {
        const pending = await unappliedMigrations(database.url);
        if (pending.length) throw new Error(`pending migrations: ${pending.join(', ')}`);
      },
    };
    registerHealthRoutes(app, { checks });
    const viewer = await buildViewer();
    await registerViewerRoutes(app, viewer.dist);
    await app.listen({ port: options.port ?? 4000, host: options.host ?? '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`;
    return {
      url,
      graphqlUrl: `${url}/graphql`,
      viewerUrl: `${url}/twin/`,
      database,
      prisma,
      app,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
