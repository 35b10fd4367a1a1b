import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  execute,
  GraphQLError,
  printSchema,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

/** What graphql-jit made of one operation of a document; `null` when it could not compile it. */
type Compiled = CompiledQuery | null;

/**
 * graphql-jit's errors inherit from graphql-js' but leave `extensions` undefined, which Apollo's error
 * formatting does not survive (every error would reach clients as "Internal server error"): rebuild each
 * as a graphql-js error with the same message, locations, path and cause, so the formatter sees what
 * graphql-js would have given it.
 */
function withGraphqlJsErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors) return result;
  const errors = result.errors.map((jitError) => {
    const error = new GraphQLError(jitError.message, {
      path: jitError.path,
      originalError: jitError.originalError,
    });
    (error as { locations: GraphQLError['locations'] }).locations = jitError.locations;
    return error;
  });
  return { ...result, errors };
}

/**
 * Executes operations with graphql-jit: each operation is compiled once into a function and reused.
 * graphql-js interprets the document on every request, and at a few thousand fields per district
 * snapshot that walk was most of the gateway's CPU. Compiled queries are keyed by the parsed document,
 * which Apollo keeps per query string (its document store), so a repeated query compiles once and a
 * document Apollo evicts takes its compiled form with it. An operation graphql-jit cannot compile runs
 * on graphql-js, as do subscriptions (they never reach this path: graphql-ws runs them).
 */
export function createCompiledExecutor(schema: GraphQLSchema): Executor {
  const compiled = new WeakMap<DocumentNode, Map<string | null, Compiled>>();
  const compile = (document: DocumentNode, operationName: string | null): Compiled => {
    let byOperation = compiled.get(document);
    if (!byOperation) {
      byOperation = new Map();
      compiled.set(document, byOperation);
    }
    let query = byOperation.get(operationName);
    if (query === undefined) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      query = isCompiledQuery(result) ? result : null;
      byOperation.set(operationName, query);
    }
    return query;
  };
  return async ({ document, operationName, request, context }) => {
    const query = compile(document, operationName);
    if (!query) {
      return execute({
        schema,
        document,
        operationName,
        contextValue: context,
        variableValues: request.variables,
      });
    }
    return withGraphqlJsErrors(await query.query(undefined, context, request.variables ?? {}));
  };
}

/**
 * Apollo Server 5 takes a custom executor only through its gateway interface: this one serves a fixed
 * schema (no federation, no updates) and runs operations through `createCompiledExecutor`.
 */
export function compiledExecutorGateway(schema: GraphQLSchema): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async load() {
      return { executor: createCompiledExecutor(schema) };
    },
    async stop() {},
  };
}
