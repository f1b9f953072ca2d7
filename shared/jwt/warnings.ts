import { expectationWarnings } from './expectations.js';
import { formatDuration, readNumericDate, DEFAULT_SKEW_SECONDS } from './time.js';
import type { DecodedToken, JsonObject } from './types.js';
import type {
  AddWarning,
  TokenExpectations,
  TokenWarning,
  WarningCode,
  WarningSeverity,
} from './warning-types.js';

export type { TokenExpectations, TokenWarning } from './warning-types.js';

/** Options for {@link securityWarnings}. */
export interface WarningOptions {
  /** Current time in epoch milliseconds. */
  now: number;
  skewSeconds?: number;
  expected?: TokenExpectations;
  /** Lifetimes above this are "very long" (default 24 h). */
  maxLifetimeSeconds?: number;
  /** Set when the token is the user's own (first-party), so a shared-secret algorithm is expected. */
  symmetricExpected?: boolean;
}

const DAY = 86400;

/** The security findings for a decoded token, most severe first. */
export function securityWarnings(token: DecodedToken, options: WarningOptions): TokenWarning[] {
  const warnings: TokenWarning[] = [];
  const add = (code: WarningCode, severity: WarningSeverity, message: string, claim?: string) =>
    warnings.push(
      claim === undefined ? { code, severity, message } : { code, severity, message, claim },
    );

  if (token.kind === 'opaque') return warnings;
  headerWarnings(token, options, add);
  if (token.kind === 'jwe') {
    add(
      'encrypted_payload',
      'info',
      'The payload is encrypted: its claims, lifetime and audience cannot be checked here.',
    );
    return warnings;
  }
  timeWarnings(token.payload, options, add);
  expectationWarnings(token.payload, options.expected, add);
  const order: Record<WarningSeverity, number> = { critical: 0, warning: 1, info: 2 };
  return warnings.sort((a, b) => order[a.severity] - order[b.severity]);
}

function headerWarnings(
  token: Exclude<DecodedToken, { kind: 'opaque' }>,
  options: WarningOptions,
  add: AddWarning,
): void {
  const { header } = token;
  if (token.kind === 'unsecured') {
    add(
      'alg_none',
      'critical',
      'alg is "none": the token is not signed, so anyone could have written it. Never accept it.',
      'alg',
    );
    if (token.signature !== '') {
      add(
        'alg_none',
        'critical',
        'The header says alg "none" yet a signature is attached: a classic forgery pattern.',
        'alg',
      );
    }
  } else if (token.alg === null) {
    add(
      'missing_alg',
      'warning',
      'The header has no "alg", so the token cannot be verified.',
      'alg',
    );
  } else if (
    token.kind === 'jws' &&
    options.symmetricExpected !== true &&
    /^HS\d+$/i.test(token.alg)
  ) {
    add(
      'symmetric_alg',
      'warning',
      `${token.alg} is a shared-secret algorithm: whoever can verify this token can also mint one, and only holders of the issuer's secret can check it.`,
      'alg',
    );
  }
  if (token.kind === 'jws' && token.signature === '') {
    add(
      'signature_missing',
      'critical',
      'The signature part is empty: the token was stripped of its signature.',
      'alg',
    );
  }
  if (header.jwk !== undefined) {
    add(
      'embedded_key',
      'warning',
      'The header carries its own key (jwk); a verifier that trusts it accepts tokens signed by anyone.',
      'jwk',
    );
  }
  for (const name of ['jku', 'x5u'] as const) {
    if (header[name] !== undefined) {
      add(
        'key_url_in_header',
        'warning',
        `The header names a key URL (${name}); keys must come from the issuer's configured JWKS, not from the token.`,
        name,
      );
    }
  }
  if (header.crit !== undefined) {
    add(
      'crit_header',
      'info',
      `The header lists critical parameters (${JSON.stringify(header.crit)}) a verifier must understand.`,
      'crit',
    );
  }
}

function timeWarnings(payload: JsonObject, options: WarningOptions, add: AddWarning): void {
  const skew = options.skewSeconds ?? DEFAULT_SKEW_SECONDS;
  const now = options.now / 1000;
  const times: Partial<Record<'iat' | 'nbf' | 'exp', number>> = {};
  for (const name of ['iat', 'nbf', 'exp'] as const) {
    if (!Object.hasOwn(payload, name)) continue;
    const read = readNumericDate(payload[name] ?? null);
    if (!read.ok) {
      add('time_not_numeric', 'warning', `${name} ${read.reason}; it is ignored.`, name);
      continue;
    }
    if (read.looksLikeMilliseconds) {
      add(
        'time_in_milliseconds',
        'warning',
        `${name} looks like milliseconds; JWT times are seconds, so it reads as a date thousands of years away.`,
        name,
      );
    } else if (read.fromString) {
      add(
        'time_not_numeric',
        'info',
        `${name} is written as text; JWT times should be JSON numbers.`,
        name,
      );
    }
    times[name] = read.seconds;
  }
  const { iat, nbf, exp } = times;
  const maxLifetime = options.maxLifetimeSeconds ?? DAY;
  if (exp === undefined) {
    add(
      'missing_exp',
      'warning',
      'There is no exp claim: the token never expires, so a leaked copy works forever.',
      'exp',
    );
  } else {
    const start = nbf ?? iat;
    const lifetime = start !== undefined ? exp - start : exp - now;
    if (start !== undefined && exp <= start) {
      add(
        'exp_before_start',
        'warning',
        `exp is not after ${nbf !== undefined ? 'nbf' : 'iat'}: the token was never valid.`,
        'exp',
      );
    } else if (lifetime > maxLifetime) {
      const what =
        start !== undefined
          ? `lives ${formatDuration(lifetime)}`
          : `stays valid for another ${formatDuration(lifetime)}`;
      add(
        'long_lifetime',
        'warning',
        `The token ${what}, longer than ${formatDuration(maxLifetime)}: a leaked copy stays useful that long.`,
        'exp',
      );
    }
  }
  if (nbf !== undefined && nbf > now) {
    const beyond = nbf - skew > now;
    add(
      'nbf_in_future',
      beyond ? 'warning' : 'info',
      `nbf is ${formatDuration(nbf - now)} in the future: ${beyond ? 'the token is not valid yet' : "within the clock-skew allowance, but the issuer's clock may be ahead"}.`,
      'nbf',
    );
  }
  if (iat !== undefined && iat - skew > now) {
    add(
      'iat_in_future',
      'warning',
      `iat is ${formatDuration(iat - now)} in the future: the issuer's clock or this computer's is off.`,
      'iat',
    );
  }
}
