import { encodeGlobalID } from '@pothos/plugin-relay';
import { createApiKey, revokeApiKey } from '@district-hub/schema';
import { startOwnRedis } from '@district-hub/jobs/testing';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import Fastify from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { registerProbes } from '../http/probe-server.ts';
import { MASKED_MESSAGE } from '../server/error-format.ts';
import { GATEWAY_DEFAULTS } from '../server/gateway-options.ts';
import { FORBIDDEN_CLOSE } from '../server/websocket-handler.ts';
import { postGraphQL, subscribe, wsConnection } from '../testing/graphql-clients.ts';
import { seedDistrict } from '../testing/seed-district.ts';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.ts';

// Clients that misbehave beyond the operation they send: keys revoked or expired while connected,
// oversized messages, too many subscriptions, cookies sent from other sites, guessed keys, probes and
// scrapes, and a gateway whose Redis or database pool is in trouble. Each against a real gateway over
// real HTTP and WebSocket clients.
let db: TestDatabase;
let gateway: TestGateway;
const lines: string[] = [];
const AUTH_CACHE_MS = 300;
const MAX_SUBSCRIPTIONS = 3;
const METRICS_TOKEN = 'metrics-token-of-this-test';
const extra: TestGateway[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDistrict(db.prisma);
  gateway = await startTestGateway({
    databaseUrl: db.url,
    logStream: { write: (line) => void lines.push(line) },
    options: {
      authCacheMs: AUTH_CACHE_MS,
      maxSubscriptionsPerConnection: MAX_SUBSCRIPTIONS,
      metricsToken: METRICS_TOKEN,
    },
  });
});

afterEach(async () => {
  await Promise.all(extra.splice(0).map((other) => other.close()));
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const origin = () => new URL(gateway.url).origin;
const key = async (role: 'INTEGRATOR' | 'OPERATOR' | 'ADMIN', expiresAt?: Date) =>
  createApiKey(db.prisma, role, `hostile ${role.toLowerCase()}`, { expiresAt });

describe('hostile clients', () => {
  it("closes a revoked key's open subscription with 4403 within the auth cache's lifetime", async () => {
    const operator = await key('OPERATOR');
    const { client, closed } = wsConnection(gateway.wsUrl, operator.key);
    // A query over the socket proves it authenticated before the key goes.
    expect((await subscribe(client, '{ district { name } }').next()).data).toBeDefined();
    const positions = subscribe(client, 'subscription { vehiclePositions { vehicle { id } } }');
    const ended = positions.next().then(
      () => 'event',
      () => 'ended',
    );
    await revokeApiKey(db.prisma, operator.prefix);
    expect(await closed).toMatchObject({
      code: FORBIDDEN_CLOSE,
      reason: expect.stringMatching(/revoked or expired/),
    });
    expect(await ended).toBe('ended');
  });

  it('refuses an expired key on HTTP and WebSocket, and closes a socket whose key expires', async () => {
    const expired = await key('INTEGRATOR', new Date(Date.now() - 1_000));
    const overHttp = await postGraphQL(gateway.url, expired.key, '{ district { name } }');
    expect(overHttp.status).toBe(401);
    expect(overHttp.body.errors?.[0]?.extensions).toMatchObject({ code: 'auth/unauthenticated' });
    expect((await wsConnection(gateway.wsUrl, expired.key).closed).code).toBe(FORBIDDEN_CLOSE);

    const expiring = await key('INTEGRATOR', new Date(Date.now() + 1_500));
    const { client, closed } = wsConnection(gateway.wsUrl, expiring.key);
    expect((await subscribe(client, '{ district { name } }').next()).data).toBeDefined();
    expect((await closed).code).toBe(FORBIDDEN_CLOSE);
  });

  it('closes a socket that sends a message larger than the HTTP body limit, without a stack trace on stderr', async () => {
    const stderr = vi.spyOn(console, 'error');
    const socket = new WebSocket(gateway.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(
      JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${gateway.keys.ADMIN}` } }),
    );
    const padding = 'x'.repeat(GATEWAY_DEFAULTS.limits.bodyLimitBytes);
    socket.send(
      JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ __typename } # ${padding}` } }),
    );
    // 1009: "message too big".
    expect(await closed).toBe(1009);
    expect(stderr).not.toHaveBeenCalled();
    stderr.mockRestore();
  });

  it(`lets one socket hold ${MAX_SUBSCRIPTIONS} operations at once, refusing one more with the limit named`, async () => {
    const { client } = wsConnection(gateway.wsUrl, gateway.keys.INTEGRATOR);
    const device = await db.prisma.device.findFirstOrThrow();
    const readings = 'subscription($d: ID!) { readings(device: $d) { value } }';
    const variables = { d: encodeGlobalID('Device', device.id) };
    const open = Array.from({ length: MAX_SUBSCRIPTIONS }, () => subscribe(client, readings, variables));
    const refused = await subscribe(client, readings, variables)
      .next()
      .then(
        () => undefined,
        (errors: unknown) => errors,
      );
    expect(refused).toEqual([
      {
        message: `this connection already holds ${MAX_SUBSCRIPTIONS} subscriptions, the most one may hold; complete one or open another connection`,
        extensions: {
          code: 'request/too_many_subscriptions',
          limit: 'subscriptions',
          max: MAX_SUBSCRIPTIONS,
        },
      },
    ]);
    // Completing one frees its place (once the server has seen the completion): a new subscription is
    // then served, as a reading on it shows.
    open[0]!.close();
    const publisher = setInterval(() => {
      void gateway.events.publish('reading', {
        deviceId: device.id,
        metric: 'p',
        value: 7,
        unit: null,
        time: new Date().toISOString(),
      });
    }, 50);
    try {
      await vi.waitFor(
        async () => {
          const next = subscribe<{ readings: { value: number } }>(client, readings, variables);
          expect((await next.next()).data?.readings).toEqual({ value: 7 });
        },
        { timeout: 5_000 },
      );
    } finally {
      clearInterval(publisher);
    }
    await client.dispose();
  });

  it('trades a ?key= for a session cookie, keeps keys out of the log, and holds cookie requests to CSRF rules', async () => {
    const operator = await key('OPERATOR');
    const exchange = await fetch(`${origin()}/admin/queues?key=${operator.key}`, { redirect: 'manual' });
    expect(exchange.status).toBe(303);
    expect(exchange.headers.get('location')).toBe('/admin/queues');
    const cookie = exchange.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^hub_key=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/);
    const session = cookie.split(';')[0]!;
    await postGraphQL(gateway.url, operator.key, '{ district { name } }');
    const secret = operator.key.slice(`dhk_${operator.prefix}_`.length);
    expect(lines.join('\n')).not.toContain(secret);
    expect(lines.some((line) => line.includes('key=REDACTED'))).toBe(true);

    const post = (contentType: string, headers: Record<string, string> = {}) =>
      fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': contentType, cookie: session, ...headers },
        body: JSON.stringify({ query: '{ district { name } }' }),
      });
    expect((await post('application/json')).status).toBe(200);
    // A page of another site can send text/plain without a preflight: it must not run.
    const forged = await post('text/plain');
    expect(forged.status).toBe(400);
    expect(await forged.text()).toMatch(/CSRF/);

    const fromElsewhere = wsConnection(gateway.wsUrl, undefined, {
      cookie: session,
      origin: 'https://evil.example',
    });
    expect((await fromElsewhere.closed).code).toBe(FORBIDDEN_CLOSE);
    const fromHere = wsConnection(gateway.wsUrl, undefined, { cookie: session, origin: origin() });
    expect((await subscribe(fromHere.client, '{ district { name } }').next()).data).toBeDefined();
    await fromHere.client.dispose();
  });

  it('answers /readyz from one round of checks, with details for an admin only; /metrics needs its token', async () => {
    let rounds = 0;
    const app = Fastify();
    registerProbes(app, {
      checks: {
        database: async () => {
          rounds += 1;
        },
        broker: async () => {
          throw new Error('connect ECONNREFUSED mqtt.internal:1883 as hub-ready');
        },
      },
      authenticate: gateway.authenticate,
      cacheMs: 60_000,
    });
    try {
      const probes = await Promise.all(Array.from({ length: 20 }, () => app.inject({ url: '/readyz' })));
      expect(probes.map((probe) => probe.statusCode)).toEqual(Array(20).fill(503));
      expect(probes[0]!.json()).toEqual({ status: 'not_ready' });
      const integrator = await app.inject({
        url: '/readyz',
        headers: { authorization: `Bearer ${gateway.keys.INTEGRATOR}` },
      });
      expect(integrator.json()).toEqual({ status: 'not_ready' });
      const admin = await app.inject({
        url: '/readyz',
        headers: { authorization: `Bearer ${gateway.keys.ADMIN}` },
      });
      expect(admin.json()).toEqual({
        status: 'not_ready',
        checks: {
          database: { ok: true },
          broker: { ok: false, error: 'connect ECONNREFUSED mqtt.internal:1883 as hub-ready' },
        },
      });
      expect(rounds).toBe(1);
    } finally {
      await app.close();
    }
    const metrics = `${origin()}/metrics`;
    expect((await fetch(metrics)).status).toBe(401);
    expect(
      (await fetch(metrics, { headers: { authorization: 'Bearer wrong-token-of-this-test' } })).status,
    ).toBe(401);
    const scraped = await fetch(metrics, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('hub_graphql_refused_total');
  });

  it('limits failed authentications per address, and remembers a refused key briefly', async () => {
    const guarded = await startTestGateway({
      databaseUrl: db.url,
      options: { authFailures: { max: 5, windowMs: 3_600_000 } },
    });
    extra.push(guarded);
    const revoked = await key('INTEGRATOR');
    await revokeApiKey(db.prisma, revoked.prefix);
    expect((await postGraphQL(guarded.url, revoked.key, '{ district { name } }')).status).toBe(401);
    // Restored in the database, the key is still refused for a moment: no query was made for it.
    await db.prisma.apiKey.update({ where: { prefix: revoked.prefix }, data: { revokedAt: null } });
    expect((await postGraphQL(guarded.url, revoked.key, '{ district { name } }')).status).toBe(401);
    const guesses = [];
    for (let i = 0; i < 4; i += 1) {
      guesses.push(
        (await postGraphQL(guarded.url, `dhk_${'0'.repeat(12)}_${String(i).repeat(32)}`, '{ __typename }'))
          .status,
      );
    }
    expect(guesses).toEqual([401, 401, 401, 429]);
    const limited = await postGraphQL(guarded.url, guarded.keys.ADMIN, '{ __typename }');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.body.errors?.[0]?.message).toMatch(
      /^5 failed authentications from this address in 3600 s/,
    );
  });

  it('keeps authenticating while long queries hold every connection of the main pool, and masks the wait', async () => {
    const starved = await startTestGateway({
      databaseUrl: db.url,
      pool: { max: 2, connectionTimeoutMs: 1_000 },
    });
    extra.push(starved);
    const sleepers = Promise.allSettled([1, 2].map(() => starved.sql.query('SELECT pg_sleep(30)')));
    try {
      const fresh = await key('INTEGRATOR');
      const request = Promise.all([
        postGraphQL(starved.url, `dhk_${'1'.repeat(12)}_${'2'.repeat(32)}`, '{ __typename }'),
        postGraphQL(starved.url, fresh.key, '{ district { name } }'),
      ]);
      const first = await Promise.race([request.then(() => 'requests'), sleepers.then(() => 'sleepers')]);
      expect(first).toBe('requests');
      const [unknown, waiting] = await request;
      expect(unknown.status).toBe(401);
      // Authenticated on the control pool, then no connection of the main pool within its timeout.
      expect(waiting.body.errors?.[0]).toMatchObject({
        message: MASKED_MESSAGE,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(JSON.stringify(waiting.body)).not.toMatch(/timeout|pool|connect/i);
    } finally {
      await db.prisma.$queryRaw`SELECT pg_cancel_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND query = 'SELECT pg_sleep(30)'`;
      await sleepers;
    }
  });

  it('keeps answering queries while its Redis is stopped, saying so once in the log', async () => {
    const redis = await startOwnRedis();
    const outage: string[] = [];
    const withRedis = await startTestGateway({
      databaseUrl: db.url,
      redis: redis.url,
      logStream: { write: (line) => void outage.push(line) },
    });
    extra.push(withRedis);
    try {
      const query = () => postGraphQL(withRedis.url, withRedis.keys.INTEGRATOR, '{ district { name } }');
      expect((await query()).status).toBe(200);
      await redis.stop();
      const during = [];
      for (let i = 0; i < 3; i += 1) during.push(await query());
      expect(during.map((response) => response.status)).toEqual([200, 200, 200]);
      expect(JSON.stringify(during.map((response) => response.body))).not.toMatch(/redis|ECONNREFUSED/i);
      expect(outage.filter((line) => line.includes('rate limits counted in this process'))).toHaveLength(1);
      await redis.restart();
      await vi.waitFor(
        async () => {
          expect((await query()).status).toBe(200);
          expect(outage.some((line) => line.includes('Redis answers again'))).toBe(true);
        },
        { timeout: 10_000, interval: 200 },
      );
    } finally {
      await redis.stop();
    }
  });
});
