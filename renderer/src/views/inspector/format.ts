import { formatWhen } from '../../lib/time.js';
import type { LifetimeStatus, TokenKind } from '#shared/jwt/index.js';
import type { SignatureReportView } from '#shared/ipc/contract.js';

/**
 * Seconds since the epoch in the app's one time format (lib/time.ts), to the second and with the
 * zone: "tomorrow 10:12:03 CET", "4 Mar 2025, 10:12:03 CET".
 */
export function formatLocal(seconds: number): string {
  return formatWhen(seconds * 1000, { seconds: true, zone: true });
}

/** ISO 8601 UTC made readable: "2025-03-04 09:12:03 UTC" (fractions kept when present). */
export function formatUtc(iso: string | null): string {
  if (iso === null) return 'out of range';
  return iso
    .replace('T', ' ')
    .replace(/\.000Z$/, 'Z')
    .replace(/Z$/, ' UTC');
}

export const KIND_LABELS: Record<TokenKind, { title: string; detail: string; tone: Tone }> = {
  jws: { title: 'Signed JWT (JWS)', detail: 'header and payload readable', tone: 'neutral' },
  jwe: { title: 'Encrypted JWT (JWE)', detail: 'payload encrypted', tone: 'neutral' },
  unsecured: { title: 'Unsecured JWT', detail: 'alg "none": not signed', tone: 'bad' },
  opaque: { title: 'Opaque token', detail: 'not a JWT', tone: 'neutral' },
};

export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

export const LIFETIME_LABELS: Record<LifetimeStatus, { label: string; tone: Tone }> = {
  valid: { label: 'Valid', tone: 'good' },
  expires_soon: { label: 'Expires soon', tone: 'warn' },
  expired: { label: 'Expired', tone: 'bad' },
  not_yet_valid: { label: 'Not yet valid', tone: 'bad' },
  no_expiry: { label: 'No expiry', tone: 'warn' },
};

export const SIGNATURE_LABELS: Record<
  SignatureReportView['outcome'],
  { label: string; tone: Tone }
> = {
  verified: { label: 'Signature verified', tone: 'good' },
  invalid_signature: { label: 'Signature invalid', tone: 'bad' },
  no_matching_key: { label: 'No matching key', tone: 'bad' },
  unsigned: { label: 'Not signed', tone: 'bad' },
  fetch_failed: { label: 'Could not fetch keys', tone: 'warn' },
  bad_key: { label: 'The key could not be read', tone: 'warn' },
  wrong_key_type: { label: 'Wrong kind of key', tone: 'warn' },
  unsupported_alg: { label: 'Algorithm not supported', tone: 'warn' },
  not_applicable: { label: 'Nothing to verify', tone: 'neutral' },
  not_checked: { label: 'Not checked', tone: 'neutral' },
};
