import type { TokenStatus } from '#shared/connection.js';
import type {
  Channel,
  ChannelParsedArgs,
  ChannelResult,
  ConnectionTestReportView,
  ConnectionView,
} from '#shared/ipc/contract.js';
import { installTypedApi, ok, type FakeCall, type FakeHandlers } from '../typed-api.js';

/** One call the renderer made through window.api. */
export type Call = FakeCall;

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

/** How a faked channel answers, as a value (always a success); typed by the contract. */
type ValueHandlers = {
  [C in Channel]?: (args: ChannelParsedArgs<C>) => ChannelResult<C> | Promise<ChannelResult<C>>;
};

/**
 * A window.api whose channels answer from `handlers` (others fail loudly), held to the contract
 * (see typed-api.ts), recording every call, plus a way to send `tokens:status-changed` events.
 */
export function installFakeApi(handlers: ValueHandlers): {
  calls: Call[];
  emitStatus: (status: TokenStatus) => void;
} {
  const wrapped: FakeHandlers = {};
  for (const channel of Object.keys(handlers) as Channel[]) {
    const handler = handlers[channel] as (args: unknown) => unknown;
    (wrapped as Record<Channel, unknown>)[channel] = async (args: unknown) =>
      ok(await handler(args));
  }
  const fake = installTypedApi(wrapped);
  return {
    calls: fake.calls,
    emitStatus: (status) => fake.emit('tokens:status-changed', status),
  };
}
