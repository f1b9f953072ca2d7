import type { TokenStatus } from '#shared/connection.js';
import { formatDuration } from '#shared/jwt/index.js';
import { formatWhen, formatWhenRelative } from '../../../lib/time.js';
import { tokenTiming } from '../../../lib/token-timing.js';

/** How a connection's token status reads in the list and in its detail pane. */
export interface StatusView {
  tone: 'ok' | 'warn' | 'error' | 'muted' | 'busy';
  /** The sentence of the detail pane ("Token valid until 14:05 (5 min left)"). */
  label: string;
  /** A few words for the compact row ("5 min left", "Renews on next use"). */
  short: string;
  detail: string | undefined;
}

/**
 * Words and a tone for a token status at `now` (epoch ms): re-run every second for a countdown.
 * It says what the engine will do (lib/token-timing.ts): a token due for renewal "renews on next
 * use", as the composer finds; "expired" only while the engine waits before trying again.
 */
export function describeStatus(status: TokenStatus, now: number): StatusView {
  const timing = tokenTiming(status, now);
  const { expiresAt } = timing;
  const renewalFailed =
    status.error !== null ? `Last renewal failed: ${status.error.message}` : undefined;
  switch (timing.phase) {
    case 'none':
      return { tone: 'muted', label: 'Never fetched', short: 'Never fetched', detail: undefined };
    case 'fetching':
      return { tone: 'busy', label: 'Fetching a token…', short: 'Fetching…', detail: undefined };
    case 'failing':
      return {
        tone: 'error',
        label: 'Failing',
        short: 'Failing',
        detail: status.error === null ? undefined : status.error.message,
      };
    case 'valid':
      if (expiresAt === null) {
        return {
          tone: 'ok',
          label: 'Token valid (expiry unknown)',
          short: 'Valid',
          detail: renewalFailed,
        };
      }
      return {
        tone: 'ok',
        label: `Token valid until ${formatWhen(expiresAt, { now })} (${formatDuration((expiresAt - now) / 1000)} left)`,
        short: `${formatDuration((expiresAt - now) / 1000)} left`,
        detail: renewalFailed,
      };
    case 'renews-on-next-use': {
      const current =
        expiresAt === null
          ? undefined
          : expiresAt > now
            ? `The current token expires ${formatWhenRelative(expiresAt, { now })}.`
            : `The last token expired ${formatWhenRelative(expiresAt, { now })}.`;
      return {
        tone: renewalFailed === undefined ? 'ok' : 'warn',
        label: 'Renews on next use',
        short: 'Renews on next use',
        detail: renewalFailed ?? current,
      };
    }
    case 'waiting':
      return {
        tone: 'warn',
        label:
          expiresAt === null
            ? 'Token expired'
            : `Token expired ${formatDuration(Math.max(0, (now - expiresAt) / 1000))} ago`,
        short: 'Expired',
        detail: [
          renewalFailed,
          timing.retryAt === null
            ? undefined
            : `Next try ${formatWhenRelative(timing.retryAt, { now })}.`,
        ]
          .filter((part) => part !== undefined)
          .join(' '),
      };
  }
}
