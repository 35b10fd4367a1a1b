import type { GraphQLField } from 'graphql';

/**
 * The most items a plain list field (not a connection) returns, which the gateway's cost multiplies
 * its selection by: a number, or a function of the field's coerced arguments (a list sized by its
 * arguments, such as `readings(range, bucket)`). A function may throw an `InvalidInputError` to refuse
 * arguments beyond the list's limit; the field's resolver refuses them the same way. The idea is the
 * `@listSize(assumedSize:)` of the GraphQL cost directives spec (IBM, https://ibm.github.io/graphql-specs/cost-spec.html),
 * kept in field extensions rather than printed in the SDL.
 */
export type ListSize = number | ((args: Record<string, unknown>) => number);

/** Field `extensions` declaring a plain list's size: `t.field({ type: [X], extensions: listSize(20) })`. */
export function listSize(size: ListSize): { listSize: ListSize } {
  return { listSize: size };
}

/** The size a field declares, or undefined when it declares none. */
export function declaredListSize(field: GraphQLField<unknown, unknown>): ListSize | undefined {
  const size = field.extensions?.listSize;
  return typeof size === 'number' || typeof size === 'function' ? (size as ListSize) : undefined;
}

/**
 * Sizes of the lists that the data bounds rather than the schema (the cost spec's `assumedSize`): each
 * sits well above what a district holds, and the resolvers return whatever there is. An enum-sized
 * list declares its enum's size and an argument-sized one computes it, so only these are assumptions.
 */
export const ASSUMED_LIST_SIZES = {
  /** Floor rows of one building, basements included. */
  floorsPerBuilding: 60,
  /** Allocations of one room in force at once (a shared room has a few). */
  allocationsPerRoom: 20,
  /** Headcount rows of one agency: one per rank of the space standard. */
  ranksPerAgency: 30,
  /** Metrics one device reports (a meter: energy, power, voltage, …). */
  metricsPerDevice: 20,
  /** Work orders raised for one alert: a first order and a few follow-ups. */
  workOrdersPerAlert: 20,
  /** Transfers in one asset's history. */
  transfersPerAsset: 50,
  /** Sources in hub.config.yaml. */
  sources: 50,
  /** Agencies of a district. */
  agencies: 1_000,
  /** Buildings of a district. */
  buildings: 5_000,
} as const;
