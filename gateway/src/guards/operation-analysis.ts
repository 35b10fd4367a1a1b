import {
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getArgumentValues,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ListSizer } from './list-sizes.ts';

/** What a selection set, a fragment (memoised by name) or an operation adds up to. */
interface Measure {
  /** Deepest nesting of fields, not counting introspection (its cost bounds it). */
  depth: number;
  /** Aliased fields, `__typename` and introspection included, counted at every spread. */
  aliases: number;
  /** Directives of the operation, its fields and its fragments, counted at every spread. */
  directives: number;
  /** Most directives on one field, fragment or spread. */
  fieldDirectives: number;
  /** Each field 1, times the page or list size it sits under; 0 when not costed (no schema yet). */
  cost: number;
  /** The same for fields under `__schema`/`__type`, budgeted apart (see operation-guard.ts). */
  introspectionCost: number;
}

/** What the analysis found in one operation; refusals carry it, so tests assert counts, not times. */
export interface OperationAnalysis extends Measure {
  /** Selections walked (fields, inline fragments, spreads), each named fragment's body once. */
  selections: number;
}

const EMPTY: Measure = {
  depth: 0,
  aliases: 0,
  directives: 0,
  fieldDirectives: 0,
  cost: 0,
  introspectionCost: 0,
};

/** Thrown when the walk passes `maxSelections`: it stops there, so the work stays bounded. */
export class TooManySelections extends Error {
  override readonly name = 'TooManySelections';
  constructor(readonly max: number) {
    super(`more than ${max} selections`);
  }
}

export interface AnalysisInput {
  document: DocumentNode;
  /** The operations to measure: the one to run, or (before validation) every one of the document. */
  operations: readonly OperationDefinitionNode[];
  /** The walk stops with `TooManySelections` after this many selections. */
  maxSelections: number;
  /** With a schema and coerced variables, fields are costed; without, only the shape is measured. */
  costing?: { schema: GraphQLSchema; sizer: ListSizer; variables: Record<string, unknown> };
}

/**
 * One walk over a document's operations, linear in the document: a named fragment's measure does not
 * depend on where it is spread (its type condition fixes the type its fields belong to, and the
 * request's variables are fixed), so each fragment is walked once and its measure reused at every
 * spread. The previous walk re-entered a fragment at every spread, and fragments that each spread the
 * next one twice took 2ⁿ steps (22 levels: 14.7 s). Counts and cost still add up per spread, as if the
 * fragments were written out: an upper bound of what graphql-js executes (it merges repeated fields),
 * which also bounds any later walk that unfolds fragments. Safe on documents not yet validated: unknown
 * fields and fragments count as leaves, and a fragment cycle (a validation error) contributes nothing.
 * With several operations, each measure is the largest of any one operation.
 */
export function analyseOperations(input: AnalysisInput): OperationAnalysis {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of input.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const costing = input.costing;
  const measured = new Map<string, Measure | 'walking'>();
  let selections = 0;

  const count = () => {
    selections += 1;
    if (selections > input.maxSelections) throw new TooManySelections(input.maxSelections);
  };

  const fieldOf = (type: GraphQLCompositeType | undefined, node: FieldNode) => {
    const name = node.name.value;
    if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
    if (!costing || !type) return undefined;
    if (type === costing.schema.getQueryType()) {
      if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
      if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    }
    return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
  };

  const typeNamed = (name: string | undefined, fallback: GraphQLCompositeType | undefined) => {
    if (!costing || name === undefined) return fallback;
    const type = costing.schema.getType(name);
    return type && isCompositeType(type) ? type : undefined;
  };

  /** The factor a field multiplies its selection by: its page or list size. */
  const factorOf = (
    type: GraphQLCompositeType | undefined,
    field: GraphQLField<unknown, unknown> | undefined,
    node: FieldNode,
  ): number => {
    if (!costing || !type || !field) return 1;
    return costing.sizer(type, field, () => getArgumentValues(field, node, costing.variables));
  };

  const add = (total: Measure, part: Measure, ownDirectives: number): Measure => ({
    depth: Math.max(total.depth, part.depth),
    aliases: total.aliases + part.aliases,
    directives: total.directives + part.directives + ownDirectives,
    fieldDirectives: Math.max(total.fieldDirectives, part.fieldDirectives, ownDirectives),
    cost: total.cost + part.cost,
    introspectionCost: total.introspectionCost + part.introspectionCost,
  });

  const walkField = (type: GraphQLCompositeType | undefined, node: FieldNode): Measure => {
    const field = fieldOf(type, node);
    const childType = field ? getNamedType(field.type) : undefined;
    // Sized before its selection, so a refused argument is reported where the walk meets it first.
    const factor = node.selectionSet ? factorOf(type, field, node) : 1;
    const child = node.selectionSet
      ? walkSet(childType && isCompositeType(childType) ? childType : undefined, node.selectionSet)
      : EMPTY;
    const aliases = child.aliases + (node.alias ? 1 : 0);
    const name = node.name.value;
    if (name === SchemaMetaFieldDef.name || name === TypeMetaFieldDef.name) {
      // Everything below an introspection root is introspection, whatever its types' names.
      return {
        ...child,
        depth: 0,
        aliases,
        cost: 0,
        introspectionCost: costing ? 1 + factor * (child.cost + child.introspectionCost) : 0,
      };
    }
    return {
      ...child,
      depth: 1 + child.depth,
      aliases,
      cost: costing ? 1 + factor * child.cost : 0,
      introspectionCost: factor * child.introspectionCost,
    };
  };

  const walkFragment = (definition: FragmentDefinitionNode): Measure => {
    const name = definition.name.value;
    const known = measured.get(name);
    if (known === 'walking') return EMPTY;
    if (known) return known;
    measured.set(name, 'walking');
    const type = typeNamed(definition.typeCondition.name.value, undefined);
    const measure = add(EMPTY, walkSet(type, definition.selectionSet), definition.directives?.length ?? 0);
    measured.set(name, measure);
    return measure;
  };

  function walkSet(type: GraphQLCompositeType | undefined, selectionSet: SelectionSetNode): Measure {
    let total = EMPTY;
    for (const selection of selectionSet.selections) {
      count();
      const own = selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        total = add(total, walkField(type, selection), own);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = typeNamed(selection.typeCondition?.name.value, type);
        total = add(total, walkSet(condition, selection.selectionSet), own);
      } else {
        const definition = fragments.get(selection.name.value);
        total = add(total, definition ? walkFragment(definition) : EMPTY, own);
      }
    }
    return total;
  }

  let largest = EMPTY;
  for (const operation of input.operations) {
    const root = costing?.schema.getRootType(operation.operation) ?? undefined;
    const measure = add(EMPTY, walkSet(root, operation.selectionSet), operation.directives?.length ?? 0);
    largest = {
      depth: Math.max(largest.depth, measure.depth),
      aliases: Math.max(largest.aliases, measure.aliases),
      directives: Math.max(largest.directives, measure.directives),
      fieldDirectives: Math.max(largest.fieldDirectives, measure.fieldDirectives),
      cost: Math.max(largest.cost, measure.cost),
      introspectionCost: Math.max(largest.introspectionCost, measure.introspectionCost),
    };
  }
  return { selections, ...largest };
}
