import type { JsonObject, JsonValue } from './types.js';

/** Clock-skew allowance used when none is given: a minute, as most JWT libraries default to. */
export const DEFAULT_SKEW_SECONDS = 60;

/** Values above this are almost surely milliseconds, not seconds (year 5138 in seconds). */
const MILLISECONDS_THRESHOLD = 1e11;

/** How a numeric-date claim read (RFC 7519 §2: seconds since the epoch, fractions allowed). */
export type NumericDateRead =
  | { ok: true; seconds: number; fromString: boolean; looksLikeMilliseconds: boolean }
  | { ok: false; reason: string };

/** Reads a NumericDate claim value; a numeric string is accepted but marked. */
export function readNumericDate(value: JsonValue): NumericDateRead {
  let seconds: number;
  let fromString = false;
  if (typeof value === 'number') {
    seconds = value;
  } else if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    seconds = Number(value);
    fromString = true;
  } else {
    return { ok: false, reason: `is ${describeJsonType(value)}, not a number of seconds` };
  }
  if (!Number.isFinite(seconds)) return { ok: false, reason: 'is not a finite number' };
  return { ok: true, seconds, fromString, looksLikeMilliseconds: seconds > MILLISECONDS_THRESHOLD };
}

/** ISO 8601 (UTC) for a number of seconds since the epoch, or null when no Date can hold it. */
export function isoFromSeconds(seconds: number): string | null {
  const ms = seconds * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
  return new Date(ms).toISOString();
}

/** A duration for people: "4 min 12 s", "2 h 5 min", "3 d 4 h", "1 y 12 d". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.floor(Math.abs(totalSeconds));
  const units: Array<[number, string]> = [
    [365 * 86400, 'y'],
    [86400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const index = units.findIndex(([size]) => s >= size);
  if (index < 0) return '0 s';
  const [bigSize, bigName] = units[index] as [number, string];
  const big = Math.floor(s / bigSize);
  const next = units[index + 1];
  if (next === undefined) return `${big} ${bigName}`;
  const small = Math.floor((s % bigSize) / next[0]);
  return small === 0 ? `${big} ${bigName}` : `${big} ${bigName} ${small} ${next[1]}`;
}

const PHRASES: Record<string, { future: string; past: string }> = {
  exp: { future: 'expires in {d}', past: 'expired {d} ago' },
  nbf: { future: 'becomes valid in {d}', past: 'became valid {d} ago' },
  iat: { future: 'issued {d} in the future', past: 'issued {d} ago' },
  auth_time: { future: 'authenticated {d} in the future', past: 'authenticated {d} ago' },
  updated_at: { future: 'updated {d} in the future', past: 'updated {d} ago' },
};

/** Relative text for a time claim, e.g. "expires in 4 min 12 s" or "issued 3 h ago". */
export function relativeTime(claim: string, seconds: number, now: number): string {
  const delta = seconds - now / 1000;
  const phrase = PHRASES[claim] ?? { future: 'in {d}', past: '{d} ago' };
  if (Math.abs(delta) < 1) return claim === 'exp' ? 'expires now' : 'just now';
  return (delta > 0 ? phrase.future : phrase.past).replace('{d}', formatDuration(delta));
}

/** The three lifetime claims as seconds (null when absent or unusable). */
export interface TokenTimes {
  iat: number | null;
  nbf: number | null;
  exp: number | null;
}

/** Reads iat, nbf and exp from a claims set; unusable values count as absent. */
export function readTokenTimes(payload: JsonObject): TokenTimes {
  const read = (name: 'iat' | 'nbf' | 'exp'): number | null => {
    if (!Object.hasOwn(payload, name)) return null;
    const result = readNumericDate(payload[name] ?? null);
    return result.ok ? result.seconds : null;
  };
  return { iat: read('iat'), nbf: read('nbf'), exp: read('exp') };
}

/** The five states of the lifetime bar. */
export type LifetimeStatus = 'valid' | 'expires_soon' | 'expired' | 'not_yet_valid' | 'no_expiry';

/** Everything the lifetime bar shows, computed for one instant. */
export interface Lifetime {
  status: LifetimeStatus;
  /** One line, e.g. "expires in 4 min 12 s". */
  summary: string;
  skewSeconds: number;
  nowSeconds: number;
  iat: number | null;
  nbf: number | null;
  exp: number | null;
  /** Left end of the bar: nbf, else iat. */
  start: number | null;
  /** exp − start, when both are known. */
  totalSeconds: number | null;
  /** exp − now (negative once expired). */
  remainingSeconds: number | null;
  /** Where "now" sits on the bar, 0…1, when start and exp are known. */
  progress: number | null;
  /** True when only the clock-skew allowance keeps the token out of expired / not yet valid. */
  withinSkew: boolean;
}

/** Options for {@link computeLifetime}. */
export interface LifetimeOptions {
  /** Current time in epoch milliseconds (injected so the result is a pure function of it). */
  now: number;
  skewSeconds?: number;
  /** Remaining time below which the token "expires soon"; default 10% of its life, 60–300 s. */
  soonSeconds?: number;
}

/** Lifetime status of a claims set at `now`, with the clock-skew allowance applied. */
export function computeLifetime(payload: JsonObject, options: LifetimeOptions): Lifetime {
  const skew = Math.max(0, options.skewSeconds ?? DEFAULT_SKEW_SECONDS);
  const now = options.now / 1000;
  const { iat, nbf, exp } = readTokenTimes(payload);
  const start = nbf ?? iat;
  const totalSeconds = start !== null && exp !== null ? exp - start : null;
  const remainingSeconds = exp === null ? null : exp - now;
  const progress =
    totalSeconds !== null && totalSeconds > 0 && start !== null
      ? Math.min(1, Math.max(0, (now - start) / totalSeconds))
      : null;
  const soon =
    options.soonSeconds ??
    (totalSeconds !== null && totalSeconds > 0 ? clamp(totalSeconds * 0.1, 60, 300) : 60);
  const base = { skewSeconds: skew, nowSeconds: now, iat, nbf, exp, start, totalSeconds };
  const result = (status: LifetimeStatus, summary: string, withinSkew = false): Lifetime => ({
    ...base,
    status,
    summary,
    remainingSeconds,
    progress,
    withinSkew,
  });

  if (nbf !== null && nbf - skew > now) {
    return result('not_yet_valid', `not valid for another ${formatDuration(nbf - now)}`);
  }
  if (exp !== null && now >= exp + skew) {
    return result('expired', relativeTime('exp', exp, options.now));
  }
  if (exp !== null && now >= exp) {
    return result(
      'expires_soon',
      `${relativeTime('exp', exp, options.now)}, still inside the ${skew} s clock-skew allowance`,
      true,
    );
  }
  const earlyNote = nbf !== null && nbf > now;
  if (exp === null) {
    return result('no_expiry', 'never expires: the token has no exp claim', earlyNote);
  }
  const status = exp - now <= soon ? 'expires_soon' : 'valid';
  const summary = relativeTime('exp', exp, options.now);
  return result(
    status,
    earlyNote
      ? `${summary} (valid early only thanks to the ${skew} s clock-skew allowance)`
      : summary,
    earlyNote,
  );
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function describeJsonType(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `a ${typeof value}`;
}
