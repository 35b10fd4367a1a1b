export { registerGateway, type Gateway, type GatewayDeps } from './server/register-gateway.ts';
export {
  resolveGatewayOptions,
  GATEWAY_DEFAULTS,
  DEFAULT_TRUSTED_DOCUMENTS_DIR,
  type GatewayOptions,
  type GatewayOptionsInput,
} from './server/gateway-options.ts';
export { gatewayFastifyOptions } from './server/fastify-options.ts';
export { createApiKey, revokeApiKey, type CreatedApiKey } from '@district-hub/schema';
export { checkRedis } from './server/readiness-checks.ts';
export { startHub, type StartHubOptions, type RunningHub, type HubRole } from './start-hub.ts';
