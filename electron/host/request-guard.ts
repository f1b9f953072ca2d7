import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Subprotocol the page offers alongside `key.<key>`; the server answers with this one. */
export const WS_PROTOCOL = 'grantline.v1';
/** Prefix of the subprotocol token that carries the per-launch key. */
export const WS_KEY_PREFIX = 'key.';

export type GuardVerdict = { ok: true } | { ok: false; status: number; reason: string };

/** Host header values this server answers to (DNS-rebinding defence). */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** Origins a page served by this host can have. */
export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

/** Constant-time comparison of the presented key with the launch key. */
export function keyMatches(presented: string | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Host must be ours; an Origin, when present (always on WebSocket upgrades), must be ours. */
export function checkHostAndOrigin(req: IncomingMessage, port: number): GuardVerdict {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts(port).has(host)) {
    return { ok: false, status: 421, reason: `Host ${JSON.stringify(host)} is not served here.` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(port).has(origin.toLowerCase())) {
    return { ok: false, status: 403, reason: 'Cross-origin requests are refused.' };
  }
  return { ok: true };
}

/** The key the page offered as a `key.<key>` WebSocket subprotocol, if any. */
export function presentedKey(req: IncomingMessage): string | undefined {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return undefined;
  const token = header
    .split(',')
    .map((part) => part.trim())
    .find((part) => part.startsWith(WS_KEY_PREFIX));
  return token?.slice(WS_KEY_PREFIX.length);
}

/** Full check for a WebSocket upgrade: Host, Origin (required), then the launch key. */
export function checkUpgrade(req: IncomingMessage, port: number, key: string): GuardVerdict {
  const base = checkHostAndOrigin(req, port);
  if (!base.ok) return base;
  if (req.headers.origin === undefined) {
    return { ok: false, status: 403, reason: 'An Origin header is required.' };
  }
  if (!keyMatches(presentedKey(req), key)) {
    return { ok: false, status: 401, reason: 'Missing or wrong launch key.' };
  }
  return { ok: true };
}
