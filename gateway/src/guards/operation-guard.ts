import { HubError } from '@district-hub/schema';
import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  getIntrospectionQuery,
  getOperationAST,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
} from 'graphql';
import { createListSizer } from './list-sizes.ts';
import { analyseOperations, TooManySelections, type OperationAnalysis } from './operation-analysis.ts';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  /** Lexical tokens per document (graphql-js' `maxTokens`): parsing stops there. */
  maxTokens: number;
  /** Selections the analysis walks before it refuses (fields, fragments, spreads). */
  maxSelections: number;
  /** Directives in one operation, counted at every spread. */
  maxDirectives: number;
  /** Directives on one field, fragment or spread. */
  maxFieldDirectives: number;
  /** Cost of the introspection part of an operation; unset: twice the full introspection query's. */
  maxIntrospectionCost?: number;
}

export type Limit =
  'depth' | 'aliases' | 'cost' | 'selections' | 'directives' | 'fieldDirectives' | 'introspectionCost';

/** What `admit` decided: the errors to answer with (none when admitted), and what it measured. */
export interface Admission {
  errors: readonly GraphQLError[];
  operation?: OperationDefinitionNode;
  analysis?: OperationAnalysis;
}

export interface OperationGuard {
  /** Options for every `parse` of a request's document (Apollo's `parseOptions`, the WebSocket's). */
  parseOptions: ParseOptions;
  limits: Required<OperationLimits>;
  /**
   * Everything between parsing and execution, for HTTP and WebSocket alike: the document's shape
   * (selections, depth, aliases, directives) before validation, so a bomb gets one refusal instead
   * of an error per unknown directive; graphql-js' validation; then the operation's cost with the
   * request's variables coerced as execution coerces them, and the page sizes, id counts and ranges
   * its fields refuse. Shape and validation are remembered per parsed document (Apollo keeps one per
   * query string), cost per operation when it declares no variables.
   */
  admit(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
  ): Admission;
}

export interface GuardOptions {
  /** Schema introspection allowed (development); off adds graphql-js' rule refusing it. */
  introspection: boolean;
  /** Called with the seconds each analysis took (not validation's), for the guard's metrics. */
  onAnalysis?: (seconds: number) => void;
  /** Called with each refusal that names a limit (the guard's, or a field's page size, ids, range). */
  onRefusal?: (error: GraphQLError) => void;
}

/** A refusal before anything runs, naming the limit; `analysis` says what was measured. */
function tooComplex(
  limit: Limit,
  max: number,
  actual: number,
  message: string,
  analysis?: OperationAnalysis,
): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'request/too_complex',
      limit,
      max,
      actual,
      ...(analysis ? { analysis } : {}),
      http: { status: 400 },
    },
  });
}

const MESSAGES: Record<Limit, (actual: number, max: number) => string> = {
  depth: (actual, max) => `operation depth ${actual} exceeds the maximum depth of ${max}`,
  aliases: (actual, max) => `operation uses ${actual} aliases; the maximum is ${max}`,
  cost: (actual, max) =>
    `operation cost ${actual} exceeds the budget of ${max} (each field costs 1, multiplied by the page or list sizes above it)`,
  selections: (_actual, max) =>
    `operation has more than ${max} selections (fields, fragments and spreads); split it`,
  directives: (actual, max) => `operation uses ${actual} directives; the maximum is ${max}`,
  fieldDirectives: (actual, max) => `a field carries ${actual} directives; the maximum is ${max}`,
  introspectionCost: (actual, max) =>
    `introspection cost ${actual} exceeds the budget of ${max} (a full introspection query of this schema fits)`,
};

function enforce(analysis: OperationAnalysis, limits: Required<OperationLimits>, costed: boolean): void {
  const checks: [Limit, number, number][] = [
    ['depth', analysis.depth, limits.maxDepth],
    ['aliases', analysis.aliases, limits.maxAliases],
    ['fieldDirectives', analysis.fieldDirectives, limits.maxFieldDirectives],
    ['directives', analysis.directives, limits.maxDirectives],
  ];
  if (costed) {
    checks.push(['cost', analysis.cost, limits.maxCost]);
    checks.push(['introspectionCost', analysis.introspectionCost, limits.maxIntrospectionCost]);
  }
  for (const [limit, actual, max] of checks) {
    if (actual > max) throw tooComplex(limit, max, actual, MESSAGES[limit](actual, max), analysis);
  }
}

/** A page size, id count or range a field refuses, as the 400 it is, with the schema's message. */
function refusedArgument(error: HubError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...error.details, http: { status: 400 } },
  });
}

/** Validation errors as Apollo answers them: 400, `GRAPHQL_VALIDATION_FAILED`. */
function validationFailed(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
  });
}

/**
 * The one owner of the operation limits, for GraphQL over HTTP (the compiled executor calls `admit`
 * before it runs anything, see compiled-executor.ts) and over WebSocket (websocket-handler.ts) alike:
 * the same parse options, the same analysis (operation-analysis.ts), validation and refusals.
 */
export function createOperationGuard(
  schema: GraphQLSchema,
  input: OperationLimits,
  options: GuardOptions,
): OperationGuard {
  const sizer = createListSizer(schema);
  const rules = options.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  /** Shape refusals and validation errors of a parsed document: the same for every request of it. */
  const documents = new WeakMap<DocumentNode, readonly GraphQLError[]>();
  /** Operations without variables measure the same every time: remembered by their parsed node. */
  const remembered = new WeakMap<OperationDefinitionNode, OperationAnalysis | GraphQLError>();

  const analyse = (
    document: DocumentNode,
    operations: readonly OperationDefinitionNode[],
    maxSelections: number,
    variables?: Record<string, unknown>,
  ): OperationAnalysis => {
    const started = performance.now();
    try {
      return analyseOperations({
        document,
        operations,
        maxSelections,
        costing: variables ? { schema, sizer, variables } : undefined,
      });
    } catch (error) {
      if (error instanceof TooManySelections) {
        throw tooComplex('selections', error.max, error.max + 1, MESSAGES.selections(0, error.max));
      }
      if (error instanceof HubError && error.exposeToClient) throw refusedArgument(error);
      throw error;
    } finally {
      options.onAnalysis?.((performance.now() - started) / 1000);
    }
  };

  const standardIntrospection = () => {
    const document = parse(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
        oneOf: true,
      }),
    );
    const operation = getOperationAST(document)!;
    return analyseOperations({
      document,
      operations: [operation],
      maxSelections: Number.POSITIVE_INFINITY,
      costing: { schema, sizer, variables: {} },
    }).introspectionCost;
  };
  const limits: Required<OperationLimits> = {
    ...input,
    maxIntrospectionCost: input.maxIntrospectionCost ?? 2 * standardIntrospection(),
  };

  /** Shape first, then validation: a document over a shape limit is not validated at all. */
  const documentErrors = (document: DocumentNode): readonly GraphQLError[] => {
    let errors = documents.get(document);
    if (!errors) {
      const operations = document.definitions.filter(
        (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
      );
      try {
        enforce(analyse(document, operations, limits.maxSelections), limits, false);
        errors = validate(schema, document, rules).map(validationFailed);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        errors = [error];
      }
      documents.set(document, errors);
    }
    return errors;
  };

  const cost = (
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): OperationAnalysis => {
    const declaresVariables = Boolean(operation.variableDefinitions?.length);
    let result = declaresVariables ? undefined : remembered.get(operation);
    if (!result) {
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, {
        maxErrors: 1,
      });
      // Variables that do not coerce fail execution before any resolver runs, with graphql-js' own
      // error; the shape was checked, and cost waits for variables it can read.
      if (coerced.errors) return analyse(document, [operation], limits.maxSelections);
      try {
        result = analyse(document, [operation], limits.maxSelections, coerced.coerced);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        result = error;
      }
      if (!declaresVariables) remembered.set(operation, result);
    }
    if (result instanceof GraphQLError) throw result;
    enforce(result, limits, true);
    return result;
  };

  return {
    parseOptions: { maxTokens: limits.maxTokens },
    limits,
    admit(document, operationName, variables) {
      const refused = (error: GraphQLError): Admission => {
        if (error.extensions.limit !== undefined) options.onRefusal?.(error);
        return { errors: [error] };
      };
      const errors = documentErrors(document);
      if (errors.length > 0) {
        return errors.length === 1 && errors[0]!.extensions.code === 'request/too_complex'
          ? refused(errors[0]!)
          : { errors };
      }
      const operation = getOperationAST(document, operationName ?? undefined);
      if (!operation) {
        const message = operationName
          ? `Unknown operation named "${operationName}".`
          : 'Must provide operation name if query contains multiple operations.';
        return {
          errors: [
            new GraphQLError(message, {
              extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
            }),
          ],
        };
      }
      try {
        return { errors: [], operation, analysis: cost(document, operation, variables ?? {}) };
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        return refused(error);
      }
    },
  };
}
