import { encodeGlobalID } from '@pothos/plugin-relay';
import { getIntrospectionQuery, Kind, parse, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GATEWAY_DEFAULTS } from '../server/gateway-options.ts';
import { postGraphQL, subscribe, wsClient } from '../testing/graphql-clients.ts';
import {
  deepIntrospection,
  directiveOverload,
  fragmentDoubling,
  typenameAliases,
  typenameFlood,
} from '../testing/hostile-documents.ts';
import { useSeededGateway } from '../testing/seeded-gateway.ts';

// Operations an attacker sends, against a gateway with the limits the hub runs with (development
// mode, so introspection is on and capped rather than off). Each is refused before anything runs, with
// an error naming the limit, or answered within its budget.
const seeded = useSeededGateway();
const limits = GATEWAY_DEFAULTS.limits;

const ask = (query: string, variables?: Record<string, unknown>, key = seeded.gateway.keys.INTEGRATOR) =>
  postGraphQL(seeded.gateway.url, key, query, variables);

/** What the refusal of an operation says about its analysis. */
interface Analysis {
  selections: number;
  cost: number;
  introspectionCost: number;
}

/** Fields, inline fragments and spreads written in a document: what a linear walk may visit. */
function writtenSelections(query: string): number {
  let count = 0;
  const counted = () => {
    count += 1;
  };
  visit(parse(query), {
    [Kind.FIELD]: counted,
    [Kind.INLINE_FRAGMENT]: counted,
    [Kind.FRAGMENT_SPREAD]: counted,
  });
  return count;
}

describe('hostile operations', () => {
  it('refuses fragments spreading the next twice, 40 levels deep, after walking each selection once', async () => {
    const query = fragmentDoubling(40);
    const response = await ask(query);
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    const [error] = response.body.errors!;
    expect(error).toMatchObject({
      message: expect.stringMatching(new RegExp(`exceeds the budget of ${limits.maxCost}`)),
      extensions: { code: 'request/too_complex', limit: 'cost', max: limits.maxCost },
    });
    const analysis = error!.extensions!.analysis as Analysis;
    // 2^39 spreads of the last fragment as written out; 81 selections as the document has them.
    expect(analysis.cost).toBeGreaterThan(2 ** 39);
    expect(analysis.selections).toBe(writtenSelections(query));
    const client = wsClient(seeded.gateway.wsUrl, seeded.gateway.keys.INTEGRATOR);
    const overWs = await subscribe(client, query)
      .next()
      .then(
        () => undefined,
        (errors: unknown) => errors,
      );
    expect(overWs).toEqual(response.body.errors);
    await client.dispose();
  });

  it('refuses first and last together, which paged by one and was costed by the other', async () => {
    const response = await ask(
      '{ buildings(last: 0, first: 500) { edges { node { rooms(last: 0, first: 500) { edges { node { number } } } } } } }',
    );
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toEqual([
      {
        message: expect.stringMatching(/^`first` and `last` cannot be used together on Query\.buildings/),
        extensions: expect.objectContaining({ code: 'request/invalid_input', limit: 'first' }),
      },
    ]);
  });

  it("costs a page size given by a variable's default as the page it asks for", async () => {
    const query = (declaration: string) =>
      `query(${declaration}) { buildings(first: $n) { edges { node { floors { rooms(first: 50) { edges { node { number } } } } } } } }`;
    const defaulted = await ask(query('$n: Int = 500'));
    const explicit = await ask(query('$n: Int'), { n: 500 });
    expect(defaulted.status).toBe(400);
    expect(defaulted.body.errors?.[0]?.extensions).toMatchObject({
      code: 'request/too_complex',
      limit: 'cost',
      actual: explicit.body.errors?.[0]?.extensions?.actual,
    });
    expect(Number(defaulted.body.errors?.[0]?.extensions?.actual)).toBeGreaterThan(limits.maxCost);
    const small = await ask(query('$n: Int = 2'));
    expect(small.body.errors).toBeUndefined();
    expect((small.body.data as { buildings: { edges: unknown[] } }).buildings.edges).toHaveLength(2);
  });

  it('counts aliases of __typename: 2,000 stop at the token limit, and one over the alias limit is refused', async () => {
    const flood = await ask(typenameAliases(2_000));
    expect(flood.status).toBe(400);
    expect(flood.body.data).toBeUndefined();
    expect(flood.body.errors?.[0]?.message).toMatch(new RegExp(`more that ${limits.maxTokens} tokens`));
    const over = limits.maxAliases + 1;
    const response = await ask(typenameAliases(over));
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]).toMatchObject({
      message: `operation uses ${over} aliases; the maximum is ${limits.maxAliases}`,
      extensions: { code: 'request/too_complex', limit: 'aliases', max: limits.maxAliases, actual: over },
    });
  });

  it('stops parsing 12,000 aliased __typename on a 500-room page at the token limit', async () => {
    const query = typenameFlood(12_000);
    expect(Buffer.byteLength(JSON.stringify({ query }))).toBeLessThan(limits.bodyLimitBytes);
    const response = await ask(query);
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.message).toBe(
      `Syntax Error: Document contains more that ${limits.maxTokens} tokens. Parsing aborted.`,
    );
  });

  it('costs introspection: the full introspection query runs, a 30-deep or a wide aliased one is refused', async () => {
    const full = await ask(getIntrospectionQuery());
    expect(full.body.errors).toBeUndefined();
    expect((full.body.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(50);
    // graphql-js' own rule refuses introspection lists nested three deep.
    const deep = await ask(deepIntrospection(30));
    expect(deep.status).toBe(400);
    expect(deep.body.data).toBeUndefined();
    expect(deep.body.errors?.[0]?.message).toBe('Maximum introspection depth exceeded');
    // As wide as that rule allows, aliased under the alias limit: refused by its cost.
    const copies = Array.from(
      { length: limits.maxAliases },
      (_, i) => `t${i}: types { fields { type { fields { type { name } } } } }`,
    );
    const wide = await ask(`{ __schema { ${copies.join(' ')} } }`);
    expect(wide.status).toBe(400);
    expect(wide.body.data).toBeUndefined();
    expect(wide.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^introspection cost \d+ exceeds the budget of \d+/),
      extensions: { code: 'request/too_complex', limit: 'introspectionCost' },
    });
  });

  it('costs plain lists by their real size: readings by the buckets their range holds', async () => {
    const readings = (from: string, to: string, bucket: string) =>
      `readings(metric: "energy", range: { from: "${from}", to: "${to}" }, bucket: ${bucket}) { avg }`;
    const threeDays = readings('2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z', 'MINUTE');
    const onEveryDevice = await ask(`{ devices(first: 500) { edges { node { ${threeDays} } } } }`);
    expect(onEveryDevice.status).toBe(400);
    const refusal = onEveryDevice.body.errors?.[0];
    expect(refusal?.extensions).toMatchObject({ code: 'request/too_complex', limit: 'cost' });
    // Every device's 4,320 minute buckets, where a plain list used to count 10.
    expect(Number(refusal?.extensions?.actual)).toBeGreaterThanOrEqual(500 * 3 * 24 * 60);
    const tooMany = await ask(
      `{ devices(first: 1) { edges { node { ${readings('2026-01-01T00:00:00Z', '2026-01-05T00:00:00Z', 'MINUTE')} } } } }`,
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors?.[0]).toMatchObject({
      message: 'range holds 5760 MINUTE buckets; at most 5000: use a wider bucket',
      extensions: { code: 'request/invalid_input', limit: 'buckets', max: 5000, actual: 5760 },
    });
    const oneDevice = await ask(
      `{ devices(first: 1) { edges { node { ${readings('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', 'HOUR')} } } } }`,
    );
    expect(oneDevice.body.errors).toBeUndefined();
  });

  it('takes at most 100 ids in nodes(ids:)', async () => {
    const building = await seeded.db.prisma.building.findFirstOrThrow();
    const ids = (count: number) =>
      Array.from({ length: count }, () => encodeGlobalID('Building', building.id));
    const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    const hundred = await ask(query, { ids: ids(100) });
    expect(hundred.body.errors).toBeUndefined();
    expect((hundred.body.data as { nodes: unknown[] }).nodes).toHaveLength(100);
    const more = await ask(query, { ids: ids(101) });
    expect(more.status).toBe(400);
    expect(more.body.data).toBeUndefined();
    expect(more.body.errors?.[0]).toMatchObject({
      message: 'nodes(ids:) takes at most 100 ids; got 101',
      extensions: { code: 'request/invalid_input', limit: 'ids', max: 100, actual: 101 },
    });
  });

  it('refuses page sizes above 500 or below 0, naming the limit, instead of clamping them', async () => {
    for (const [argument, size] of [
      ['first', 501],
      ['last', 501],
      ['first', -1],
    ] as const) {
      const response = await ask(`{ rooms(${argument}: ${size}) { edges { node { number } } } }`);
      expect(response.status).toBe(400);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors?.[0]).toMatchObject({
        message: `requesting ${size} records on Query.rooms exceeds the \`${argument}\` limit of 0 to 500 records`,
        extensions: { code: 'request/invalid_input', limit: argument, min: 0, max: 500, actual: size },
      });
    }
  });

  it('answers ten unknown directives on one field with one refusal, not an error each', async () => {
    const response = await ask(directiveOverload(10));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        message: `a field carries 10 directives; the maximum is ${limits.maxFieldDirectives}`,
        extensions: expect.objectContaining({
          code: 'request/too_complex',
          limit: 'fieldDirectives',
          max: limits.maxFieldDirectives,
          actual: 10,
        }),
      },
    ]);
  });

  it('never runs a mutation sent with GET', async () => {
    const url = new URL(seeded.gateway.url);
    url.searchParams.set('query', 'mutation { triggerSync(source: "office-space") { __typename } }');
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${seeded.gateway.keys.ADMIN}`, 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(405);
  });

  it('lets no integrator read sync runs, their errors or triggers, by any path', async () => {
    await seeded.db.prisma.source.create({ data: { id: 'office-space', kind: 'rest' } });
    const run = await seeded.db.prisma.syncRun.create({
      data: {
        sourceId: 'office-space',
        status: 'FAILED',
        error: 'connect ECONNREFUSED 10.0.0.12:5432 (user hub_sync)',
        trigger: 'api:ops laptop',
      },
    });
    const node = encodeGlobalID('SyncRun', run.id);
    const paths = [
      '{ syncRuns { edges { node { error trigger } } } }',
      '{ sources { name lastRun { error trigger } } }',
      `{ node(id: "${node}") { ... on SyncRun { error trigger } } }`,
      `{ nodes(ids: ["${node}"]) { ... on SyncRun { error trigger } } }`,
    ];
    for (const query of paths) {
      const integrator = await ask(query);
      expect(JSON.stringify(integrator.body.data ?? null), query).not.toContain('ECONNREFUSED');
      expect(integrator.body.errors?.[0], query).toMatchObject({
        message: expect.stringMatching(/requires role ADMIN; this key has role INTEGRATOR/),
        extensions: { code: 'auth/forbidden' },
      });
      const admin = await ask(query, undefined, seeded.gateway.keys.ADMIN);
      expect(admin.body.errors, query).toBeUndefined();
      expect(JSON.stringify(admin.body.data), query).toContain('ECONNREFUSED 10.0.0.12:5432');
    }
  });
});
