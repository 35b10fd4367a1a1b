import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { enforceOperationLimits } from '../guards/operation-limits.ts';
import { createPersistedQueryCache } from '../guards/persisted-query-cache.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { compiledExecutorGateway } from './compiled-executor.ts';
import { createErrorFormatter } from './error-format.ts';
import { logGraphQLErrors } from './error-log.ts';
import type { GatewayContext } from './gateway-context.ts';
import type { ResolvedGatewayOptions } from './gateway-options.ts';

/** Rejects over-limit operations after parsing and validation, before any resolver runs. */
function limitsPlugin(options: ResolvedGatewayOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation)
            enforceOperationLimits(schema, document, operation, request.variables, options.limits);
        },
      };
    },
  };
}

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
  trustedDocuments: Map<string, string>,
  metrics: GatewayMetrics,
): ApolloServer<GatewayContext> {
  return new ApolloServer<GatewayContext>({
    // Operations run compiled by graphql-jit (see compiled-executor.ts); Apollo takes a custom executor
    // only through its gateway interface.
    gateway: compiledExecutorGateway(schema),
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    // Hiding suggestions is done in formatError; Apollo's own switch would also hide them in the log.
    formatError: createErrorFormatter(options),
    persistedQueries: { cache: createPersistedQueryCache(trustedDocuments), ttl: null },
    // The gateway runs behind its own CORS and auth; Apollo's CSRF guard would reject the viewer's GETs.
    csrfPrevention: false,
    // The hub stops its parts in order on SIGTERM (start-hub.ts). Apollo's own handler stopped it
    // beside that, and Apollo 5.5's stop() never settles a second, concurrent call: the hub's
    // shutdown waited forever behind it.
    stopOnTerminationSignals: false,
    // Nothing here carries cache hints, and the cache-control plugin wraps every field resolver to
    // collect them; the route answers `cache-control: no-store` itself (see http-route.ts).
    plugins: [
      limitsPlugin(options),
      logErrorsPlugin,
      metrics.apolloPlugin,
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
}
