import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HubError } from '@district-hub/schema';
import { BACKENDS, createJobTestContext, type JobTestContext } from '@district-hub/jobs/testing';
import { enqueueSync } from '@district-hub/jobs';
import { registerBullBoard } from './bull-board.ts';

describe.each(BACKENDS)('Bull Board on the %s queue backend', (kind) => {
  let ctx: JobTestContext;
  let app: FastifyInstance;

  beforeEach(async () => {
    ctx = await createJobTestContext(kind, { sourceIds: ['office-space'] });
    app = Fastify();
    await registerBullBoard(app, {
      queues: ctx.queues.all(),
      // Stands in for the gateway's API-key check: the role arrives already resolved in a header.
      authorize: async (request) => {
        const role = request.headers['x-test-role'];
        if (!role) throw new HubError('auth/unauthenticated', 'send an API key');
        if (role !== 'ADMIN') throw new HubError('auth/forbidden', 'the dashboard needs the ADMIN role');
      },
    });
    await app.ready();
  });

  afterEach(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('shows the queues and their jobs to an admin only', async () => {
    await enqueueSync(ctx.queues, 'office-space', { trigger: 'test' });
    const asRole = (role?: string) =>
      app.inject({ url: '/admin/queues/api/queues', headers: role ? { 'x-test-role': role } : {} });

    expect((await asRole()).statusCode).toBe(401);
    expect((await asRole('OPERATOR')).statusCode).toBe(403);
    expect(
      (await app.inject({ url: '/admin/queues', headers: { 'x-test-role': 'OPERATOR' } })).statusCode,
    ).toBe(403);

    const answer = await asRole('ADMIN');
    expect(answer.statusCode).toBe(200);
    const { queues } = answer.json() as { queues: { name: string; counts: Record<string, number> }[] };
    expect(queues.map((queue) => queue.name).sort()).toEqual(['alerts', 'rollups', 'sync.office-space']);
    expect(queues.find((queue) => queue.name === 'sync.office-space')!.counts.waiting).toBe(1);
    const page = await app.inject({ url: '/admin/queues', headers: { 'x-test-role': 'ADMIN' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('District Hub jobs');
  });
});
