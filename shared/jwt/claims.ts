import { CLAIM_CATALOG, type ClaimInfo } from './claim-catalog.js';
import { HEADER_CATALOG } from './header-catalog.js';
import { isoFromSeconds, readNumericDate, relativeTime } from './time.js';
import type { JsonObject, JsonValue } from './types.js';

/** A time claim rendered for people; local time is left to the UI, which knows the zone. */
export interface TimeView {
  /** Seconds since the epoch, as in the token (fractions kept). */
  seconds: number;
  /** UTC, ISO 8601; null when the value is out of the Date range. */
  iso: string | null;
  /** e.g. "expires in 4 min 12 s". */
  relative: string;
  /** Set when the value needed interpreting, e.g. it was a numeric string. */
  note?: string;
}

/** One row of the claims (or header) table. */
export interface ClaimExplanation {
  name: string;
  value: JsonValue;
  /** The value as one line of text for the table. */
  display: string;
  /** Null for names the catalog does not know. */
  label: string | null;
  meaning: string | null;
  source: string | null;
  /** Filled for time claims. */
  time: TimeView | null;
}

/** Explains every claim of a payload, in token order; time claims are rendered at `now` (ms). */
export function explainClaims(payload: JsonObject, now: number): ClaimExplanation[] {
  return Object.entries(payload).map(([name, value]) =>
    explain(name, value, CLAIM_CATALOG.get(name), now),
  );
}

/** Explains every JOSE header parameter, in token order. */
export function explainHeader(header: JsonObject): ClaimExplanation[] {
  return Object.entries(header).map(([name, value]) =>
    explain(name, value, HEADER_CATALOG.get(name), 0),
  );
}

function explain(
  name: string,
  value: JsonValue,
  info: ClaimInfo | undefined,
  now: number,
): ClaimExplanation {
  const time = info?.time === true ? timeView(name, value, now) : null;
  return {
    name,
    value,
    display: time !== null ? `${time.iso ?? time.seconds} (${time.relative})` : displayValue(value),
    label: info?.label ?? null,
    meaning: info?.meaning ?? null,
    source: info?.source ?? null,
    time,
  };
}

/** Renders a NumericDate claim, or null when the value is not a number of seconds. */
export function timeView(name: string, value: JsonValue, now: number): TimeView | null {
  const read = readNumericDate(value);
  if (!read.ok) return null;
  const view: TimeView = {
    seconds: read.seconds,
    iso: isoFromSeconds(read.seconds),
    relative: relativeTime(name, read.seconds, now),
  };
  if (read.looksLikeMilliseconds) {
    view.note = 'This looks like milliseconds; JWT times are in seconds.';
  } else if (read.fromString) {
    view.note = 'Written as text; JWT times should be JSON numbers.';
  }
  return view;
}

/** One-line text for a claim value: strings as is, lists joined, objects as compact JSON. */
export function displayValue(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.join(', ');
  }
  return JSON.stringify(value);
}
