/**
 * The one way Grantline writes a point in time: the user's locale and its 12 or 24 hour clock
 * (Intl decides, as the OS locale says), the date added only when it is not today ("tomorrow
 * 08:41", "3 Dec 08:41"), and a relative time beside it ("in 14 minutes"). Every view formats
 * times through here; `locale`, `timeZone` and `now` are parameters so tests can pin them.
 */

export interface TimeOptions {
  /** BCP 47 locale; the user's (the browser's or the OS's) when left out. */
  locale?: string;
  /** IANA zone; the user's when left out. */
  timeZone?: string;
  /** What counts as now, epoch ms (a live countdown passes its clock). */
  now?: number;
  /** Seconds as well (claims in the inspector); minutes otherwise. */
  seconds?: boolean;
  /** Add the zone's short name ("CET"). */
  zone?: boolean;
}

const cache = new Map<string, Intl.DateTimeFormat>();

function dateFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** The calendar day of `ms` in the zone, as a day count, so "tomorrow" is right across DST. */
function dayNumber(ms: number, timeZone: string | undefined): number {
  const parts = dateFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(ms);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day')) / 86_400_000;
}

function yearOf(ms: number, timeZone: string | undefined): string {
  return dateFormat('en-US', { timeZone, year: 'numeric' }).format(ms);
}

/** Two-digit hours where the locale keeps a 24-hour clock ("08:41"), "8:41 AM" where it does not. */
function hourStyle(locale: string | undefined): '2-digit' | 'numeric' {
  const cycle = dateFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h23' || cycle === 'h24' ? '2-digit' : 'numeric';
}

function clockOptions(o: TimeOptions): Intl.DateTimeFormatOptions {
  return {
    timeZone: o.timeZone,
    hour: hourStyle(o.locale),
    minute: '2-digit',
    ...(o.seconds === true ? { second: '2-digit' } : {}),
    ...(o.zone === true ? { timeZoneName: 'short' } : {}),
  };
}

/** "08:41", "8:41 AM", as the locale writes a time of day. */
export function formatClock(ms: number, o: TimeOptions = {}): string {
  return dateFormat(o.locale, clockOptions(o)).format(ms);
}

/**
 * A point in time as people say it: "08:41" today, "tomorrow 08:41", "yesterday 17:02",
 * "3 Dec, 08:41" on other days, with the year when it is not this year. "out of range" for a
 * time a Date cannot hold.
 */
export function formatWhen(ms: number, o: TimeOptions = {}): string {
  if (!Number.isFinite(ms) || Number.isNaN(new Date(ms).getTime())) return 'out of range';
  const now = o.now ?? Date.now();
  const days = dayNumber(ms, o.timeZone) - dayNumber(now, o.timeZone);
  if (days === 0) return formatClock(ms, o);
  if (days === 1 || days === -1) {
    const word = new Intl.RelativeTimeFormat(o.locale, { numeric: 'auto' }).format(days, 'day');
    return `${word} ${formatClock(ms, o)}`;
  }
  const sameYear = yearOf(ms, o.timeZone) === yearOf(now, o.timeZone);
  return dateFormat(o.locale, {
    ...clockOptions(o),
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(ms);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** "in 14 minutes", "3 hours ago", "now": how far `ms` is from now, in the largest whole unit. */
export function formatRelative(ms: number, o: TimeOptions = {}): string {
  const seconds = Math.round((ms - (o.now ?? Date.now())) / 1000);
  const format = new Intl.RelativeTimeFormat(o.locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === 'second') {
      // Truncate toward zero, so "in 59 minutes" is never shown as "in 1 hour".
      const value = Math.trunc(seconds / size);
      return format.format(value === 0 ? 0 : value, unit);
    }
  }
  return format.format(0, 'second');
}

/** Absolute and relative together: "tomorrow 08:41 (in 14 hours)". */
export function formatWhenRelative(ms: number, o: TimeOptions = {}): string {
  return `${formatWhen(ms, o)} (${formatRelative(ms, o)})`;
}
