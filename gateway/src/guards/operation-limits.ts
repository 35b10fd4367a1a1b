import { CONNECTION_DEFAULT_SIZE, CONNECTION_MAX_SIZE } from '@district-hub/schema/graphql';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** Plain lists (floors of a building, readings of a device) are assumed this long when costing. */
const PLAIN_LIST_FACTOR = 10;

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

export interface OperationMeasure {
  depth: number;
  aliases: number;
  cost: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  aliases: number;
}

function pageSize(
  walk: Walk,
  args: readonly { name: { value: string }; value: unknown }[],
): number | undefined {
  for (const arg of args) {
    if (arg.name.value !== 'first' && arg.name.value !== 'last') continue;
    const value = valueFromASTUntyped(arg.value as never, walk.variables);
    if (typeof value === 'number') return Math.min(Math.max(value, 0), CONNECTION_MAX_SIZE);
  }
  return undefined;
}

/** Returns [depth, cost] of a selection set; introspection fields (`__schema`, `__type`) are free. */
function measureSelections(
  walk: Walk,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  seen: Set<string>,
): [number, number] {
  let depth = 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      if (selection.alias) walk.aliases += 1;
      const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
      const field = fields[selection.name.value];
      if (!field) continue;
      const named = getNamedType(field.type);
      let childDepth = 0;
      let childCost = 0;
      if (selection.selectionSet && isCompositeType(named)) {
        [childDepth, childCost] = measureSelections(walk, named, selection.selectionSet, seen);
      }
      const isConnection = field.args.some((arg) => arg.name === 'first');
      // A connection's `edges` and `nodes` are the page its field was already multiplied by.
      const insideConnection = type.name.endsWith('Connection');
      const factor = isConnection
        ? (pageSize(walk, selection.arguments ?? []) ?? CONNECTION_DEFAULT_SIZE)
        : isListType(getNullableType(field.type)) && !insideConnection
          ? PLAIN_LIST_FACTOR
          : 1;
      depth = Math.max(depth, 1 + childDepth);
      cost += 1 + factor * childCost;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition
        ? walk.schema.getType(selection.typeCondition.name.value)
        : type;
      if (!condition || !isCompositeType(condition)) continue;
      const [childDepth, childCost] = measureSelections(walk, condition, selection.selectionSet, seen);
      depth = Math.max(depth, childDepth);
      cost += childCost;
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      // A fragment spread inside itself is a validation error; counting it once keeps this total.
      if (!fragment || seen.has(name)) continue;
      const condition = walk.schema.getType(fragment.typeCondition.name.value);
      if (!condition || !isCompositeType(condition)) continue;
      const [childDepth, childCost] = measureSelections(
        walk,
        condition,
        fragment.selectionSet,
        new Set([...seen, name]),
      );
      depth = Math.max(depth, childDepth);
      cost += childCost;
    }
  }
  return [depth, cost];
}

export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = schema.getRootType(operation.operation);
  if (!root) return { depth: 0, aliases: 0, cost: 0 };
  const walk: Walk = { schema, fragments, variables, aliases: 0 };
  const [depth, cost] = measureSelections(walk, root, operation.selectionSet, new Set());
  return { depth, aliases: walk.aliases, cost };
}

function tooComplex(
  limit: 'depth' | 'aliases' | 'cost',
  max: number,
  actual: number,
  message: string,
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'request/too_complex', limit, max, actual, http: { status: 400 } },
  });
}

/**
 * Measures of operations that declare no variables, so no request can change them, by the parsed
 * operation: Apollo hands a repeated document back from its document cache as the same object, so a
 * client repeating a query is not walked again.
 */
const measuredOperations = new WeakMap<OperationDefinitionNode, OperationMeasure>();

function measureOnce(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): OperationMeasure {
  if (operation.variableDefinitions?.length) return measureOperation(schema, document, operation, variables);
  let measure = measuredOperations.get(operation);
  if (!measure) {
    measure = measureOperation(schema, document, operation);
    measuredOperations.set(operation, measure);
  }
  return measure;
}

/**
 * Rejects an operation before it runs when it nests too deep, aliases too many fields or would cost
 * too much. Runs with the request's variables, so `first: $n` is costed at the page size asked for.
 */
export function enforceOperationLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  limits: OperationLimits,
): OperationMeasure {
  const measure = measureOnce(schema, document, operation, variables);
  if (measure.depth > limits.maxDepth) {
    throw tooComplex(
      'depth',
      limits.maxDepth,
      measure.depth,
      `operation depth ${measure.depth} exceeds the maximum depth of ${limits.maxDepth}`,
    );
  }
  if (measure.aliases > limits.maxAliases) {
    throw tooComplex(
      'aliases',
      limits.maxAliases,
      measure.aliases,
      `operation uses ${measure.aliases} aliases; the maximum is ${limits.maxAliases}`,
    );
  }
  if (measure.cost > limits.maxCost) {
    throw tooComplex(
      'cost',
      limits.maxCost,
      measure.cost,
      `operation cost ${measure.cost} exceeds the budget of ${limits.maxCost} (each field costs 1, multiplied by page sizes)`,
    );
  }
  return measure;
}
