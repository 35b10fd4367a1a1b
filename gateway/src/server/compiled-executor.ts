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
import type { OperationGuard } from '../guards/operation-guard.ts';

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
 * Admits, then executes operations with graphql-jit. Admission (the operation guard: shape, validation,
 * cost) comes first, as on the WebSocket, because Apollo runs its own validation before any plugin can
 * refuse a document with one error, and treats an error thrown from its pre-validation hooks as an
 * internal one (500): so Apollo's validation is off (apollo-server.ts) and the guard validates here.
 * Refusals come back as errors of the result, which Apollo formats, logs and answers with the 400
 * they carry. Each operation is then compiled once into a function and reused.
 * graphql-js interprets the document on every request, and at a few thousand fields per district
 * snapshot that walk was most of the gateway's CPU. Compiled queries are keyed by the parsed document,
 * which Apollo keeps per query string (its document store), so a repeated query compiles once and a
 * document Apollo evicts takes its compiled form with it. An operation graphql-jit cannot compile runs
 * on graphql-js, as do subscriptions (they never reach this path: graphql-ws runs them).
 */
export function createCompiledExecutor(schema: GraphQLSchema, guard: OperationGuard): Executor {
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
    const { errors } = guard.admit(document, operationName, request.variables);
    if (errors.length > 0) return { errors };
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
export function compiledExecutorGateway(schema: GraphQLSchema, guard: OperationGuard): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async load() {
      return { executor: createCompiledExecutor(schema, guard) };
    },
    async stop() {},
  };
}
