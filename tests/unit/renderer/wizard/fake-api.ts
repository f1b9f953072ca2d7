import type { TokenStatus } from '#shared/connection.js';
import type { Api, ConnectionTestReportView, ConnectionView } from '#shared/ipc/contract.js';
import { channels } from '#shared/ipc/contract.js';

/** One call the renderer made through window.api. */
export interface Call {
  channel: string;
  args: unknown;
}

export const stamp = '2025-01-01T00:00:00.000Z';

/** A token status for tests. */
export function statusOf(connectionId: string, over: Partial<TokenStatus> = {}): TokenStatus {
  return {
    connectionId,
    state: 'none',
    tokenType: null,
    scope: null,
    obtainedAt: null,
    expiresAt: null,
    expiresInSec: null,
    expirySource: null,
    claims: null,
    error: null,
    retryAt: null,
    insecureTls: false,
    warnings: [],
    ...over,
  };
}

/** A saved connection as connections:list answers it. */
export function viewOf(id: string, name: string, presetId = 'amplience'): ConnectionView {
  return {
    connection: {
      id,
      name,
      presetId,
      fields: {},
      clientId: `${id}-client`,
      secretRef: `connection:${id}:client-secret`,
      tls: { insecure: false },
      allowHttp: false,
      createdAt: stamp,
      updatedAt: stamp,
    },
    secrets: { clientSecret: true, privateKey: false, clientCert: false, clientKey: false },
    status: statusOf(id),
  };
}

/** A passing test report. */
export function okReport(over: Partial<ConnectionTestReportView> = {}): ConnectionTestReportView {
  const exp = Math.floor(Date.now() / 1000) + 300;
  return {
    ok: true,
    configuredMethod: 'client_secret_post',
    workingMethod: 'client_secret_post',
    attempts: [],
    message: 'Got a Bearer token using client_secret_post.',
    token: {
      tokenType: 'Bearer',
      scope: 'read',
      expiresAt: new Date(exp * 1000).toISOString(),
      expiresIn: 300,
      expirySource: 'expires_in',
      claims: { iss: 'amplience', sub: 'key', exp, iat: exp - 300 },
      extras: {},
      warnings: [],
    },
    error: null,
    peerCertificate: null,
    insecureTls: false,
    exchange: null,
    ...over,
  };
}

type Handler = (args: unknown) => unknown;

/**
 * A window.api whose channels answer from `handlers` (others fail loudly) and record every call,
 * plus a way to send `tokens:status-changed` events.
 */
export function installFakeApi(handlers: Record<string, Handler>): {
  calls: Call[];
  emitStatus: (status: TokenStatus) => void;
} {
  const calls: Call[] = [];
  const listeners = new Set<(payload: unknown) => void>();
  const api: Record<string, unknown> = {
    on: (name: string, handler: (payload: unknown) => void) => {
      if (name === 'tokens:status-changed') listeners.add(handler);
      return () => listeners.delete(handler);
    },
  };
  for (const channel of channels) {
    api[channel] = async (args: unknown) => {
      calls.push({ channel, args });
      const handler = handlers[channel];
      if (handler === undefined) {
        return { ok: false, error: { category: 'internal', message: `${channel} not faked` } };
      }
      return { ok: true, value: await handler(args) };
    };
  }
  Object.defineProperty(window, 'api', { value: api as Api, configurable: true, writable: true });
  return { calls, emitStatus: (status) => listeners.forEach((l) => l(status)) };
}
