import type { TokenStatus } from '#shared/connection.js';
import { formatDuration } from '#shared/jwt/index.js';

/** How a connection's token status reads in the list and in its detail pane. */
export interface StatusView {
  tone: 'ok' | 'warn' | 'error' | 'muted' | 'busy';
  /** The sentence of the detail pane ("Token valid until 14:05 (5 min left)"). */
  label: string;
  /** A few words for the compact row ("5 min left", "Renews on next use"). */
  short: string;
  detail: string | undefined;
}

const DAY_MS = 86_400_000;

function dayStart(time: number): number {
  const d = new Date(time);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/**
 * The one time format of the connections area: the user's locale and clock (24 h or 12 h), with
 * the day added when it is not today ("14:05", "tomorrow 08:41", "3 Dec 08:41").
 */
export function formatClock(iso: string, now: number): string {
  const time = Date.parse(iso);
  const clock = new Date(time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const days = Math.round((dayStart(time) - dayStart(now)) / DAY_MS);
  if (days === 0) return clock;
  if (days === 1) return `tomorrow ${clock}`;
  if (days === -1) return `yesterday ${clock}`;
  const date = new Date(time).toLocaleDateString([], {
    day: 'numeric',
    month: 'short',
    ...(new Date(time).getFullYear() !== new Date(now).getFullYear() ? { year: 'numeric' } : {}),
  });
  return `${date} ${clock}`;
}

function secondsLeft(status: TokenStatus, now: number): number | null {
  return status.expiresAt === null ? null : (Date.parse(status.expiresAt) - now) / 1000;
}

/** Words and a tone for a token status at `now` (epoch ms): re-run every second for a countdown. */
export function describeStatus(status: TokenStatus, now: number): StatusView {
  const left = secondsLeft(status, now);
  const renewalFailed =
    status.error !== null ? `Last renewal failed: ${status.error.message}` : undefined;
  switch (status.state) {
    case 'none':
      return { tone: 'muted', label: 'Never fetched', short: 'Never fetched', detail: undefined };
    case 'fetching':
      return {
        tone: 'busy',
        label: 'Fetching a token…',
        short: 'Fetching…',
        detail: undefined,
      };
    case 'valid':
    case 'expiring': {
      if (left === null || status.expiresAt === null) {
        return {
          tone: 'ok',
          label: 'Token valid (expiry unknown)',
          short: 'Valid',
          detail: renewalFailed,
        };
      }
      if (left <= 0) {
        // The engine fetches a new token on the next call: say so, not "expired".
        return {
          tone: 'muted',
          label: `Token expired ${formatDuration(-left)} ago; renews on next use`,
          short: 'Renews on next use',
          detail: renewalFailed,
        };
      }
      return {
        tone: status.state === 'expiring' ? 'warn' : 'ok',
        label: `Token valid until ${formatClock(status.expiresAt, now)} (${formatDuration(left)} left)`,
        short: `${formatDuration(left)} left`,
        detail: renewalFailed ?? (status.state === 'expiring' ? 'Renews on next use.' : undefined),
      };
    }
    case 'expired':
      return {
        tone: 'muted',
        label:
          left === null
            ? 'Token expired; renews on next use'
            : `Token expired ${formatDuration(Math.max(0, -left))} ago; renews on next use`,
        short: 'Renews on next use',
        detail: renewalFailed,
      };
    case 'error':
      return {
        tone: 'error',
        label: 'Failing',
        short: 'Failing',
        detail: status.error === null ? undefined : status.error.message,
      };
  }
}
