/** The token engine's public surface, for the IPC handlers and the `grantline token` CLI. */
export {
  TokenEngine,
  type AcquireOptions,
  type BearerCredential,
  type RevealedToken,
  type SpecResolver,
  type StatusListener,
  type TokenEngineOptions,
  type WithTokenOptions,
} from './engine.js';
export { defaultRenewalPolicy, renewAtFor, type RenewalPolicy } from './engine-status.js';
export { buildTokenRequestSpec, type BuildSpecOptions, type SecretMaterial } from './spec.js';
export { createSpecResolver, readSecretMaterial, type ResolverSources } from './resolver.js';
export { fetchToken, type FetchTokenOptions } from './fetch-token.js';
export {
  testConnection,
  summarizeToken,
  type ConnectionTestAttempt,
  type ConnectionTestReport,
  type TokenSummary,
} from './test-connection.js';
export { discoverTokenEndpoint, DiscoveryCache, type DiscoveryResult } from './discovery.js';
export { buildTokenHttpRequest, type TokenHttpRequest } from './request-builder.js';
export { basicAuthorization, formUrlEncode } from './client-auth.js';
export {
  toCliSuccess,
  toCliFailure,
  type CliTokenSuccess,
  type CliTokenFailure,
} from './cli-json.js';
export type { TokenRequestSpec } from './token-request-spec.js';
export type { TokenResult } from './token-result.js';
