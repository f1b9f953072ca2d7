/** HTTP for token requests and API calls: TLS trust per connection, limits, categorised errors. */
export { createTlsDispatcher, hostPortOf, type TlsDispatcher } from './dispatcher.js';
export { DispatcherPool } from './dispatcher-pool.js';
export {
  sendHttpRequest,
  defaultRequestTimeoutMs,
  tokenResponseLimitBytes,
  type HttpRequest,
  type HttpResponse,
} from './send.js';
export { describeCertificate, type CertificateInfo, type TlsTrustOptions } from './tls-trust.js';
export { toTransportError } from './transport-errors.js';
export { assertCredentialUrl, describeUrl, isLoopbackHost } from './url-policy.js';
