import type { FastifyInstance, FastifyRequest } from 'fastify';

/** One dependency `/readyz` asks about; throws (with a message a person can act on) when not ready. */
export type ReadinessCheck = () => Promise<void>;

export interface HealthOptions {
  checks: Record<string, ReadinessCheck>;
  /** Resolves true when the request may see each check's result and error (an admin key). */
  showsDetails: (request: FastifyRequest) => Promise<boolean>;
  /** Milliseconds one check may take before it counts as failed; default 3000. */
  timeoutMs?: number;
  /** How long one round of checks answers every probe; default 2000. */
  cacheMs?: number;
}

interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; error?: string }>;
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/healthz` says the process is alive (a restart would not help otherwise); `/readyz` says whether it
 * can serve: every dependency answered, so a load balancer should send it traffic. One round of checks
 * answers every probe for `cacheMs` (probes at any rate cost the dependencies one round per period,
 * and concurrent probes share the round in flight). Anyone sees the status; only an admin key sees
 * which check failed and why, since the reasons name internal hosts and users. Gateway and worker
 * processes serve the same routes.
 */
export function registerHealthRoutes(app: FastifyInstance, options: HealthOptions): void {
  const timeoutMs = options.timeoutMs ?? 3000;
  const cacheMs = options.cacheMs ?? 2000;
  let last: { at: number; result: Promise<Readiness> } | undefined;
  const readiness = (): Promise<Readiness> => {
    const now = Date.now();
    if (last && now - last.at < cacheMs) return last.result;
    const names = Object.keys(options.checks);
    const result = Promise.all(names.map((name) => runCheck(options.checks[name]!, timeoutMs))).then(
      (results) => ({
        ready: results.every((r) => r.ok),
        checks: Object.fromEntries(names.map((name, i) => [name, results[i]!])),
      }),
    );
    last = { at: now, result };
    return result;
  };

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    const [{ ready, checks }, details] = await Promise.all([
      readiness(),
      options.showsDetails(request).catch(() => false),
    ]);
    const status = ready ? 'ready' : 'not_ready';
    return reply.code(ready ? 200 : 503).send(details ? { status, checks } : { status });
  });
}
