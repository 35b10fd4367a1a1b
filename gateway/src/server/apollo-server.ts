import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { OperationGuard } from '../guards/operation-guard.ts';
import { createPersistedQueryCache } from '../guards/persisted-query-cache.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { compiledExecutorGateway } from './compiled-executor.ts';
import { createErrorFormatter } from './error-format.ts';
import { logGraphQLErrors } from './error-log.ts';
import type { GatewayContext } from './gateway-context.ts';
import type { ResolvedGatewayOptions } from './gateway-options.ts';

/** Logs what clients do not see: masked errors keep their cause, with the request id. */
const logErrorsPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue, operationName }) {
        logGraphQLErrors(contextValue.log, errors, operationName);
      },
    };
  },
};

export function createApolloServer(
  schema: GraphQLSchema,
  options: ResolvedGatewayOptions,
  guard: OperationGuard,
  trustedDocuments: Map<string, string>,
  metrics: GatewayMetrics,
): ApolloServer<GatewayContext> {
  return new ApolloServer<GatewayContext>({
    // Operations run compiled by graphql-jit (see compiled-executor.ts); Apollo takes a custom executor
    // only through its gateway interface.
    gateway: compiledExecutorGateway(schema, guard),
    introspection: options.introspection,
    parseOptions: guard.parseOptions,
    // The operation guard validates, after measuring the document's shape (compiled-executor.ts).
    dangerouslyDisableValidation: true,
    includeStacktraceInErrorResponses: false,
    // Hiding suggestions is done in formatError; Apollo's own switch would also hide them in the log.
    formatError: createErrorFormatter(options),
    persistedQueries: { cache: createPersistedQueryCache(trustedDocuments), ttl: null },
    // Browsers send the twin's and the dashboard's session cookie on their own (see key-exchange.ts):
    // a request another site makes them send must not run. Apollo refuses a GET or a "simple" POST
    // (form or text/plain content type) that carries none of the headers a page cannot set cross-site
    // without a preflight; JSON POSTs and GETs with `apollo-require-preflight` pass. GET never runs a
    // mutation either way (Apollo answers 405).
    csrfPrevention: true,
    // The hub stops its parts in order on SIGTERM (start-hub.ts). Apollo's own handler stopped it
    // beside that, and Apollo 5.5's stop() never settles a second, concurrent call: the hub's
    // shutdown waited forever behind it.
    stopOnTerminationSignals: false,
    // Nothing here carries cache hints, and the cache-control plugin wraps every field resolver to
    // collect them; the route answers `cache-control: no-store` itself (see http-route.ts).
    plugins: [logErrorsPlugin, metrics.apolloPlugin, ApolloServerPluginCacheControlDisabled()],
  });
}
