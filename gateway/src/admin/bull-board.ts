import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HubError } from '@district-hub/schema';

export interface BullBoardOptions {
  /** Every queue of the hub (`JobQueues.all()`), on whichever backend it runs. */
  queues: readonly Queue[];
  /**
   * Resolves when the request may open the dashboard (an admin); throws a `HubError` with
   * `auth/unauthenticated` or `auth/forbidden` otherwise. The gateway owns who is an admin.
   */
  authorize: (request: FastifyRequest) => Promise<void>;
  /** Where the dashboard lives; default `/admin/queues`. */
  basePath?: string;
}

const STATUS_BY_CODE: Partial<Record<string, number>> = {
  'auth/unauthenticated': 401,
  'auth/forbidden': 403,
  'request/rate_limited': 429,
};

/**
 * Mounts BullMQ's dashboard (Bull Board) behind the gateway's own authorisation. The guard is a hook of
 * an encapsulated plugin, so it covers the page, its static files and its API, and nothing else of the
 * server: Bull Board has no authentication of its own and can retry, delete and add jobs.
 */
export async function registerBullBoard(app: FastifyInstance, options: BullBoardOptions): Promise<void> {
  const basePath = options.basePath ?? '/admin/queues';
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: options.queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'District Hub jobs' } },
  });
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      try {
        await options.authorize(request);
      } catch (error) {
        const status = error instanceof HubError ? STATUS_BY_CODE[error.code] : undefined;
        if (status === undefined) throw error;
        await reply
          .code(status)
          .send({ error: (error as HubError).code, message: (error as HubError).message });
      }
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: basePath });
  });
}
