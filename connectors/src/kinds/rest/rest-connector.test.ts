import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadContext, ReadMessage, SourceRecord } from '../../sdk/types.ts';
import { retryAfterMs } from './http-client.ts';
import { nextLink } from './link-header.ts';
import { RestConnector } from './rest-connector.ts';
import type { RestConfig } from './rest-spec.ts';

// A small HTTP server on loopback with one endpoint per paging strategy and auth scheme.
const ITEMS = Array.from({ length: 23 }, (_, i) => ({
  id: i + 1,
  updatedAt: `2025-11-${String(1 + Math.floor(i / 5)).padStart(2, '0')} 08:00:00`,
}));

describe('rest kind', () => {
  let app: FastifyInstance;
  let base: string;
  let flaky = 0;
  const hits: Record<string, number> = {};
  const connector = new RestConnector();

  beforeAll(async () => {
    app = Fastify();
    app.addHook('onRequest', async (req) => {
      hits[req.routeOptions.url ?? req.url] = (hits[req.routeOptions.url ?? req.url] ?? 0) + 1;
    });
    const since = (q: Record<string, string>) =>
      ITEMS.filter((i) => !q.updatedSince || i.updatedAt >= q.updatedSince);
    app.get('/page', async (req, reply) => {
      if (req.headers.authorization !== 'Bearer t0ken') return reply.code(401).send({ msg: 'bad token' });
      const q = req.query as Record<string, string>;
      const size = Number(q.pageSize);
      const page = Number(q.page);
      return { data: { records: since(q).slice((page - 1) * size, page * size) } };
    });
    app.get('/offset', async (req, reply) => {
      if (req.headers.authorization !== `Basic ${Buffer.from('u:p').toString('base64')}`)
        return reply.code(401).send();
      const q = req.query as Record<string, string>;
      return { items: ITEMS.slice(Number(q.offset), Number(q.offset) + Number(q.limit)) };
    });
    app.get('/cursor', async (req, reply) => {
      if (req.headers['x-api-key'] !== 'k3y') return reply.code(403).send();
      const q = req.query as Record<string, string>;
      const from = Number(q.cursor ?? 0);
      const rows = ITEMS.slice(from, from + 10);
      return { rows, next: from + 10 < ITEMS.length ? String(from + 10) : null };
    });
    app.get('/link', async (req, reply) => {
      const q = req.query as Record<string, string>;
      const from = Number(q.from ?? 0);
      if (from + 7 < ITEMS.length)
        reply.header('link', `</link?from=${from + 7}&per_page=7>; rel="next", </link?from=0>; rel="first"`);
      return ITEMS.slice(from, from + 7);
    });
    app.get('/limited', async (_req, reply) => {
      flaky += 1;
      if (flaky <= 2) return reply.code(429).header('retry-after', '1').send({ msg: '请求过于频繁' });
      return { data: { records: ITEMS.slice(0, 3) } };
    });
    app.get('/broken', async (_req, reply) => reply.code(500).send({ msg: '系统繁忙' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await app?.close();
  });

  const context = (): ReadContext => ({
    source: 'test',
    runId: 0,
    signal: new AbortController().signal,
    timeZone: 'Asia/Shanghai',
    isFileImported: async () => false,
    log: () => undefined,
  });
  const configOf = (stream: Record<string, unknown>, connection: Record<string, unknown> = {}): RestConfig =>
    connector.parseConfig(
      {
        connection: {
          baseUrl: base,
          retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2000 },
          ...connection,
        },
        streams: [{ name: 's', mapping: 'x', ...stream }],
      },
      'test',
    );
  async function readAll(config: RestConfig, state = {}, mode: 'full' | 'incremental' = 'incremental') {
    const records: SourceRecord[] = [];
    const messages: ReadMessage[] = [];
    for await (const m of connector.read(config, [{ name: 's', mode }], state, context())) {
      messages.push(m);
      if (m.type === 'records') records.push(...m.records);
    }
    return { records, messages };
  }

  it('pages by page number with a bearer token and resumes from updatedSince', async () => {
    const config = configOf(
      {
        path: '/page',
        recordsPath: 'data.records',
        cursorField: 'updatedAt',
        paging: { type: 'page', size: 10 },
      },
      { auth: { type: 'bearer', token: 't0ken' } },
    );
    const { records, messages } = await readAll(config);
    expect(records.map((r) => r.id)).toEqual(ITEMS.map((i) => i.id));
    const state = messages.at(-1);
    expect(state).toMatchObject({ type: 'state', cursor: { updatedSince: '2025-11-05 08:00:00' } });
    const again = await readAll(config, { s: { updatedSince: '2025-11-05 08:00:00' } });
    expect(again.records.map((r) => r.id)).toEqual([21, 22, 23]);
  });

  it('pages by offset with basic auth, by cursor token with an API key, and by Link headers', async () => {
    const offset = await readAll(
      configOf(
        { path: '/offset', recordsPath: 'items', paging: { type: 'offset', size: 5 } },
        { auth: { type: 'basic', username: 'u', password: 'p' } },
      ),
    );
    expect(offset.records).toHaveLength(23);
    const cursor = await readAll(
      configOf(
        {
          path: '/cursor',
          recordsPath: 'rows',
          paging: { type: 'cursor', param: 'cursor', nextPath: 'next' },
        },
        { auth: { type: 'apiKey', header: 'X-Api-Key', value: 'k3y' } },
      ),
    );
    expect(cursor.records).toHaveLength(23);
    const link = await readAll(
      configOf({ path: '/link', recordsPath: '', paging: { type: 'link', sizeParam: 'per_page', size: 7 } }),
    );
    expect(link.records.map((r) => r.id)).toEqual(ITEMS.map((i) => i.id));
  });

  it('waits what Retry-After asks on 429, then goes on', async () => {
    const started = Date.now();
    const { records } = await readAll(
      configOf({ path: '/limited', recordsPath: 'data.records', paging: { type: 'none' } }),
    );
    expect(records).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(hits['/limited']).toBe(3);
  });

  it('fails with the status, URL and body after the last attempt, and check says why', async () => {
    const config = configOf({ path: '/broken', recordsPath: 'data', paging: { type: 'none' } });
    await expect(readAll(config)).rejects.toMatchObject({
      code: 'connector/source_failed',
      details: { status: 500 },
    });
    expect(hits['/broken']).toBe(3);
    const unauthorised = await connector.check(
      configOf({ path: '/page', recordsPath: 'data.records' }, { auth: { type: 'bearer', token: 'wrong' } }),
    );
    expect(unauthorised).toMatchObject({ ok: false, code: 'connector/auth_failed' });
    expect(!unauthorised.ok && unauthorised.reason).toMatch(/401/);
    const refused = await connector.check({
      ...config,
      connection: { ...config.connection, baseUrl: 'http://127.0.0.1:65123' },
    });
    expect(refused).toMatchObject({ ok: false, code: 'connector/source_unreachable' });
  });

  it('reads Retry-After as seconds or an HTTP date, and Link headers per RFC 8288', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(
      nextLink('<https://x/a?page=2>; rel="next", <https://x/a?page=9>; rel="last"', 'https://x/a'),
    ).toBe('https://x/a?page=2');
    expect(nextLink('</a?page=3>; rel="prev next"', 'https://x/a')).toBe('https://x/a?page=3');
    expect(nextLink('<https://x/a?page=1>; rel="first"', 'https://x/a')).toBeUndefined();
  });
});
