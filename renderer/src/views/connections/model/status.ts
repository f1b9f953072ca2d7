import type { TokenStatus } from '#shared/connection.js';
import { formatDuration } from '#shared/jwt/index.js';

/** How a connection's token status reads in the list. */
export interface StatusView {
  tone: 'ok' | 'warn' | 'error' | 'muted' | 'busy';
  label: string;
  detail: string | undefined;
}

/** "14:05" in the user's locale, for "valid until …". */
function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
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
      return { tone: 'muted', label: 'Never fetched', detail: undefined };
    case 'fetching':
      return { tone: 'busy', label: 'Fetching a token…', detail: undefined };
    case 'valid':
    case 'expiring': {
      if (left === null || status.expiresAt === null) {
        return { tone: 'ok', label: 'Token valid (expiry unknown)', detail: renewalFailed };
      }
      if (left <= 0) {
        return {
          tone: 'warn',
          label: `Token expired ${formatDuration(-left)} ago`,
          detail: renewalFailed,
        };
      }
      return {
        tone: status.state === 'expiring' ? 'warn' : 'ok',
        label: `Token valid until ${clockTime(status.expiresAt)} (${formatDuration(left)} left)`,
        detail: renewalFailed ?? (status.state === 'expiring' ? 'Renews on next use.' : undefined),
      };
    }
    case 'expired':
      return {
        tone: 'warn',
        label:
          left === null
            ? 'Token expired'
            : `Token expired ${formatDuration(Math.max(0, -left))} ago`,
        detail: renewalFailed,
      };
    case 'error':
      return {
        tone: 'error',
        label: 'Failing',
        detail: status.error === null ? undefined : status.error.message,
      };
  }
}
