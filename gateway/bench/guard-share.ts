import {
  getIntrospectionQuery,
  getOperationAST,
  getVariableValues,
  parse,
  type GraphQLSchema,
} from 'graphql';
import type { Registry } from 'prom-client';
import { createListSizer } from '../src/guards/list-sizes.ts';
import { analyseOperations } from '../src/guards/operation-analysis.ts';
import { createOperationGuard, type OperationLimits } from '../src/guards/operation-guard.ts';
import {
  deepIntrospection,
  directiveOverload,
  fragmentDoubling,
  typenameAliases,
  typenameFlood,
} from '../src/testing/hostile-documents.ts';

/** Sum and count of a histogram of the gateway's registry (all label sets together). */
export async function histogramTotals(
  registry: Registry,
  name: string,
): Promise<{ sum: number; count: number }> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  // A histogram's values carry the name of their series (`_sum`, `_count`, `_bucket`).
  const { values } = (await metric.get()) as { values: { metricName?: string; value: number }[] };
  const total = (suffix: string) =>
    values
      .filter((value) => value.metricName === `${name}_${suffix}`)
      .reduce((sum, value) => sum + value.value, 0);
  return { sum: total('sum'), count: total('count') };
}

/** Median of `rounds` timings of `run`, each the mean of `repeat` calls, in microseconds. */
function medianMicros(run: () => unknown, repeat: number, rounds = 7): number {
  const timings: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    for (let i = 0; i < repeat; i += 1) run();
    timings.push(((performance.now() - started) * 1000) / repeat);
  }
  return timings.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

/**
 * What the guard's analysis of one request costs when nothing is remembered (an operation with
 * variables is costed on every request): the shape walk before validation and the cost walk after,
 * on the parsed document, in microseconds.
 */
export function uncachedAnalysisMicros(schema: GraphQLSchema, query: string, maxSelections: number): number {
  const document = parse(query);
  const operation = getOperationAST(document)!;
  const sizer = createListSizer(schema);
  return medianMicros(() => {
    analyseOperations({ document, operations: [operation], maxSelections });
    const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], {});
    analyseOperations({
      document,
      operations: [operation],
      maxSelections,
      costing: { schema, sizer, variables: coerced! },
    });
  }, 2_000);
}

/** The largest fragment-doubling document that parses under the token limit: the most a walk can get. */
function largestDoubling(maxTokens: number): { levels: number; query: string } {
  let levels = 40;
  for (;;) {
    try {
      parse(fragmentDoubling(levels + 10), { maxTokens });
      levels += 10;
    } catch {
      return { levels, query: fragmentDoubling(levels) };
    }
  }
}

export interface HostileTiming {
  name: string;
  bytes: number;
  /** The limit that refused it, or `answered`. */
  outcome: string;
  selections: number | undefined;
  micros: number;
}

/**
 * Each hostile document through what a new request of it goes through before anything runs: parsing
 * with the guard's token limit and `admit` (shape, validation, cost) on a fresh parse every time, so no
 * memo helps. The time is the median of rounds, in microseconds.
 */
export function hostileTimings(schema: GraphQLSchema, limits: OperationLimits): HostileTiming[] {
  const doubling = largestDoubling(limits.maxTokens);
  const wideIntrospection = `{ __schema { ${Array.from(
    { length: limits.maxAliases },
    (_, i) => `t${i}: types { fields { type { fields { type { name } } } } }`,
  ).join(' ')} } }`;
  const documents: [string, string][] = [
    ['fragment doubling, 40 levels', fragmentDoubling(40)],
    [`fragment doubling, ${doubling.levels} levels (the most under the token limit)`, doubling.query],
    ['2,000 aliases of __typename', typenameAliases(2_000)],
    ['12,000 __typename on 500 rooms', typenameFlood(12_000)],
    ['__schema 30 deep', deepIntrospection(30)],
    [`${limits.maxAliases} aliased wide introspections`, wideIntrospection],
    ['full introspection query', getIntrospectionQuery()],
    ['10 directives on one field', directiveOverload(10)],
  ];
  const guard = createOperationGuard(schema, limits, { introspection: true });
  return documents.map(([name, query]) => {
    const admitOnce = () => {
      try {
        const document = parse(query, guard.parseOptions);
        return guard.admit(document, undefined, {});
      } catch (error) {
        return { errors: [error as { message: string; extensions?: Record<string, unknown> }] };
      }
    };
    const { errors, analysis } = admitOnce() as {
      errors: { message: string; extensions?: Record<string, unknown> }[];
      analysis?: { selections: number };
    };
    const refusal = errors[0];
    const limit =
      refusal?.extensions?.limit ??
      (refusal?.message.includes('tokens') ? 'tokens' : refusal?.extensions?.code);
    const selections =
      analysis?.selections ??
      (refusal?.extensions?.analysis as { selections?: number } | undefined)?.selections;
    return {
      name,
      bytes: Buffer.byteLength(query),
      outcome: refusal ? String(limit ?? refusal.message) : 'answered',
      selections,
      micros: medianMicros(admitOnce, 20, 5),
    };
  });
}
