/**
 * Curl import: parse a pasted curl command ("Paste a curl command" in the provider wizard,
 * "import curl" in the composer) and map it onto a token-endpoint draft.
 */
export { parseCurl } from './parse.js';
export { toTokenRequestDraft } from './token-draft.js';
export { hostOf, pathOf } from './url.js';
export { findPlaceholders } from './placeholders.js';
export type {
  CurlBasicAuth,
  CurlBody,
  CurlBodyKind,
  CurlClientCert,
  CurlParseResult,
  CurlRequest,
  CurlUnsupported,
  DraftAuthMethod,
  NameValue,
  TokenRequestDraft,
} from './types.js';
