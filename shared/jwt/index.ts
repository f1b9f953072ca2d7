// The token inspector's pure half: decoding, explanations, lifetime and warnings.
// Environment-free (ES library only), so the renderer, the main process and the CLI share it.
export type {
  DecodedJwe,
  DecodedJws,
  DecodedOpaque,
  DecodedToken,
  DecodedUnsecured,
  DecodeError,
  DecodeErrorCode,
  DecodeResult,
  JsonObject,
  JsonValue,
  TokenKind,
  TokenPartName,
} from './types.js';
export { decodeToken, MAX_TOKEN_LENGTH } from './decode.js';
export {
  inspectTokenInput,
  type InputErrorCode,
  type InputFix,
  type InputFixCode,
  type TokenInputResult,
} from './input.js';
export {
  displayValue,
  explainClaims,
  explainHeader,
  timeView,
  type ClaimExplanation,
  type TimeView,
} from './claims.js';
export { CLAIM_CATALOG, type ClaimInfo } from './claim-catalog.js';
export { HEADER_CATALOG } from './header-catalog.js';
export {
  computeLifetime,
  DEFAULT_SKEW_SECONDS,
  formatDuration,
  isoFromSeconds,
  readNumericDate,
  readTokenTimes,
  relativeTime,
  type Lifetime,
  type LifetimeOptions,
  type LifetimeStatus,
  type NumericDateRead,
  type TokenTimes,
} from './time.js';
export {
  securityWarnings,
  type TokenExpectations,
  type TokenWarning,
  type WarningOptions,
} from './warnings.js';
export type { WarningCode, WarningSeverity } from './warning-types.js';
export { grantedScopes } from './expectations.js';
export {
  inspectToken,
  withoutRawToken,
  type InputError,
  type InspectionResult,
  type InspectOptions,
  type TokenInspection,
} from './inspect.js';
export { inspectionAppError } from './app-error.js';
