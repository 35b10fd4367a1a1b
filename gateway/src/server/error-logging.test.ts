import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postGraphQL, subscribe, wsClient } from '../testing/graphql-clients.ts';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.ts';
import { MASKED_MESSAGE } from './error-format.ts';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  operationName?: string;
  code?: string;
  error?: string;
  err?: { type: string; message: string; stack?: string };
  req?: { method: string; url: string };
}

let db: TestDatabase;
let gateway: TestGateway;
const lines: LogLine[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.source.create({ data: { id: 'office-space', kind: 'rest' } });
  gateway = await startTestGateway({
    databaseUrl: db.url,
    logStream: { write: (line) => lines.push(JSON.parse(line) as LogLine) },
    triggerSync: () => Promise.reject(new Error('queue connection lost')),
    options: { limits: { maxDepth: 3 } },
  });
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

/** Sends one operation; returns what the client got and the GraphQL error lines logged for it. */
async function loggedFor(query: string, key = gateway.keys.INTEGRATOR) {
  const response = await postGraphQL(gateway.url, key, query);
  const requestId = response.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  const logged = lines.filter((line) => line.requestId === requestId && /graphql/.test(line.msg));
  return { response, logged };
}

describe('the gateway log', () => {
  it('records a client’s invalid query at info, without a stack, with its code and message', async () => {
    for (const [query, code, message] of [
      ['{ buildingz { totalCount } }', 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "buildingz"/],
      ['{ buildings { ', 'GRAPHQL_PARSE_FAILED', /Syntax Error/],
      [
        '{ buildings { edges { node { floors { building { code } } } } } }',
        'request/too_complex',
        /maximum depth of 3/,
      ],
    ] as const) {
      const { logged } = await loggedFor(query);
      expect(logged).toEqual([
        expect.objectContaining({
          level: 30,
          msg: 'graphql client error',
          code,
          error: expect.stringMatching(message),
        }),
      ]);
      expect(JSON.stringify(logged)).not.toMatch(/stack|\.ts:\d+/);
    }
  });

  it('records a refused role at info too: the client has to use another key', async () => {
    const { logged } = await loggedFor('mutation { triggerSync(source: "office-space") { __typename } }');
    expect(logged).toEqual([
      expect.objectContaining({ level: 30, msg: 'graphql client error', code: 'auth/forbidden' }),
    ]);
  });

  it('keeps a resolver failure at error with its cause and stack, while the client sees it masked', async () => {
    const { response, logged } = await loggedFor(
      'mutation { triggerSync(source: "office-space") { __typename } }',
      gateway.keys.ADMIN,
    );
    expect(response.body.errors?.[0]?.message).toBe(MASKED_MESSAGE);
    expect(logged).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'graphql error',
        err: expect.objectContaining({
          type: 'Error',
          message: 'queue connection lost',
          stack: expect.stringContaining('queue connection lost'),
        }),
      }),
    ]);
  });

  it('masks a key given in a URL (the twin’s and the dashboard’s links carry one), so the log holds none', async () => {
    const key = gateway.keys.ADMIN;
    const response = await fetch(`${gateway.url}?key=${key}&view=1`);
    const requestId = response.headers.get('x-request-id');
    const logged = lines.filter((line) => line.requestId === requestId);
    expect(logged.find((line) => line.msg === 'incoming request')).toMatchObject({
      req: { method: 'GET', url: '/graphql?key=REDACTED&view=1' },
    });
    expect(JSON.stringify(logged)).not.toContain(key);
  });

  it('logs a resolver failure inside a subscription at error too, while the subscriber sees it masked', async () => {
    const client = wsClient(gateway.wsUrl, gateway.keys.OPERATOR);
    const positions = subscribe<{ vehiclePositions: { vehicle: unknown } }>(
      client,
      'subscription Positions { vehiclePositions { vehicle { plate } } }',
    );
    const received = positions.next();
    // A fix naming no valid vehicle id makes the vehicle lookup fail; publish until the subscriber is on.
    const broken = {
      vehicleId: 'not-an-id' as never,
      agencyId: null,
      time: '',
      lon: 1,
      lat: 2,
      speedKmh: null,
      heading: null,
    };
    await vi.waitFor(async () => {
      await gateway.events.publish('vehiclePosition', broken);
      expect(lines.some((line) => line.operationName === 'Positions')).toBe(true);
    });
    const event = await received;
    expect(event.data?.vehiclePositions).toEqual({ vehicle: null });
    expect(event.errors?.[0]?.message).toBe(MASKED_MESSAGE);
    expect(lines.find((line) => line.operationName === 'Positions')).toMatchObject({
      level: 50,
      msg: 'graphql error',
      err: { stack: expect.any(String) },
    });
    positions.close();
    await client.dispose();
  });
});
