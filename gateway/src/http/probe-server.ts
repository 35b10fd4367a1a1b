import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import type { Authenticate } from '../auth/authenticator.ts';
import { presentedCredential } from '../auth/session-cookie.ts';
import { gatewayFastifyOptions } from '../server/fastify-options.ts';
import { registerHealthRoutes, type ReadinessCheck } from './health-routes.ts';
import { registerMetricsRoute } from './metrics-route.ts';

export interface ProbeOptions {
  checks: Record<string, ReadinessCheck>;
  /** The process's key check: `/readyz` shows its details to an admin key only. */
  authenticate: Authenticate;
  /** Serve `/metrics` from this registry too. */
  metrics?: Registry;
  metricsToken?: string;
  /** How long one round of readiness checks answers every probe; default 2 s. */
  cacheMs?: number;
}

/**
 * Whether a probe comes with an admin key. A probe without any credential (a load balancer's) is
 * simply not an admin: it must not count as a failed authentication of its address.
 */
function isAdmin(authenticate: Authenticate) {
  return async (request: FastifyRequest) => {
    const { authorization } = presentedCredential(request.headers);
    if (!authorization) return false;
    return (await authenticate(authorization, request.ip)).role === 'ADMIN';
  };
}

/** `/healthz`, `/readyz` and (optionally) `/metrics`, the same on a gateway's port and a worker's. */
export function registerProbes(app: FastifyInstance, options: ProbeOptions): void {
  registerHealthRoutes(app, {
    checks: options.checks,
    showsDetails: isAdmin(options.authenticate),
    cacheMs: options.cacheMs,
  });
  if (options.metrics) registerMetricsRoute(app, options.metrics, options.metricsToken);
}

export interface ProbeServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A small HTTP server of its own serving only the probes: a worker process's `WORKER_PORT`, which has
 * no gateway to serve them, or `/metrics` alone on `METRICS_PORT`.
 */
export async function startProbeServer(
  listen: { port: number; host: string },
  routes: (app: FastifyInstance) => void,
): Promise<ProbeServer> {
  const app = Fastify({ ...gatewayFastifyOptions(false) });
  routes(app);
  await app.listen(listen);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  return {
    url: `http://${listen.host === '0.0.0.0' ? '127.0.0.1' : listen.host}:${port}`,
    close: () => app.close(),
  };
}
