/** How much a reviewer should care. */
export type WarningSeverity = 'critical' | 'warning' | 'info';

/** Stable identifiers of the warnings, for tests and for the UI's icons. */
export type WarningCode =
  | 'alg_none'
  | 'missing_alg'
  | 'symmetric_alg'
  | 'signature_missing'
  | 'embedded_key'
  | 'key_url_in_header'
  | 'crit_header'
  | 'encrypted_payload'
  | 'missing_exp'
  | 'long_lifetime'
  | 'nbf_in_future'
  | 'iat_in_future'
  | 'exp_before_start'
  | 'time_not_numeric'
  | 'time_in_milliseconds'
  | 'issuer_mismatch'
  | 'audience_mismatch'
  | 'scope_mismatch'
  | 'scope_broader';

/** A finding a security reviewer would raise about a token. */
export interface TokenWarning {
  code: WarningCode;
  severity: WarningSeverity;
  message: string;
  /** The claim or header parameter concerned. */
  claim?: string;
}

/** What the connection asked for, to compare with what the token grants. */
export interface TokenExpectations {
  issuer?: string;
  audience?: string | readonly string[];
  /** Space-separated string or list. */
  scope?: string | readonly string[];
}

/** Collects one warning (the claim is optional). */
export type AddWarning = (
  code: WarningCode,
  severity: WarningSeverity,
  message: string,
  claim?: string,
) => void;
