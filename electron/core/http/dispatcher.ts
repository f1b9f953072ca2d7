import type { Socket } from 'node:net';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import {
  describeCertificate,
  verifyPeer,
  type CertificateInfo,
  type TlsTrustOptions,
} from './tls-trust.js';

/** An undici dispatcher bound to one connection's TLS trust, remembering the certificates it saw. */
export interface TlsDispatcher {
  readonly dispatcher: Dispatcher;
  /** True when certificate checks are off: the UI must flag every result that used it. */
  readonly insecure: boolean;
  /** The certificate last presented by `host:port` (for "trust on first use" and error dialogs). */
  peerCertificate(hostPort: string): CertificateInfo | undefined;
  /** Finish in-flight requests, then close. */
  close(): Promise<void>;
  /** Drop every socket now (a one-shot dispatcher after its request). */
  destroy(): Promise<void>;
}

/** What a verifying connector tells its owner about the sockets it opens. */
export interface VerifyingConnectorHooks {
  /** The certificate `host:port` presented, before the verdict on it. */
  onCertificate?: (hostPort: string, info: CertificateInfo) => void;
  /** A socket that passed every check, just before undici gets it. */
  onReady?: (socket: Socket) => void;
}

/**
 * An undici connector that verifies servers itself after the handshake, so that every refusal can
 * carry the certificate the server presented, and a pinned certificate is trusted even when no CA
 * vouches for it. No request byte is written before the verdict. It returns the socket it creates
 * (before any of its events fire), for callers that time them.
 */
export function createVerifyingConnector(
  trust: TlsTrustOptions,
  options: { connectTimeoutMs?: number } = {},
  hooks: VerifyingConnectorHooks = {},
): buildConnector.connector {
  const base = buildConnector({
    // Node's own check runs regardless (socket.authorized); the verdict is ours, in verifyPeer.
    rejectUnauthorized: false,
    // A custom CA replaces the system roots: the user narrowed trust to it on purpose.
    ...(trust.caPem !== undefined ? { ca: trust.caPem } : {}),
    ...(trust.clientCertPem !== undefined ? { cert: trust.clientCertPem } : {}),
    ...(trust.clientKeyPem !== undefined ? { key: trust.clientKeyPem } : {}),
    // No TLS session reuse: each connection is verified from a full handshake.
    maxCachedSessions: 0,
    timeout: options.connectTimeoutMs ?? 30_000,
  });

  return (opts, callback) =>
    base(opts, (err, socket) => {
      if (err !== null) {
        callback(err, null);
        return;
      }
      if (opts.protocol !== 'https:') {
        hooks.onReady?.(socket);
        callback(null, socket);
        return;
      }
      const tlsSocket = socket as TLSSocket;
      const cert = tlsSocket.getPeerCertificate(true) as DetailedPeerCertificate;
      if (cert === null || Object.keys(cert).length === 0) {
        tlsSocket.destroy();
        callback(new Error('The server presented no certificate'), null);
        return;
      }
      const info = describeCertificate(cert);
      // undici passes servername null for IP addresses; the Host header, when set, is the name.
      const hostname =
        typeof opts.servername === 'string' && opts.servername !== ''
          ? opts.servername
          : opts.hostname;
      hooks.onCertificate?.(`${opts.hostname}:${opts.port || 443}`, info);
      const refusal = verifyPeer(tlsSocket, hostname, trust, info, cert);
      if (refusal !== undefined) {
        tlsSocket.destroy();
        callback(refusal, null);
        return;
      }
      hooks.onReady?.(tlsSocket);
      callback(null, tlsSocket);
    });
}

/** A dispatcher bound to one connection's TLS trust (see createVerifyingConnector). */
export function createTlsDispatcher(
  trust: TlsTrustOptions,
  options: { connectTimeoutMs?: number } = {},
): TlsDispatcher {
  const seen = new Map<string, CertificateInfo>();
  const connect = createVerifyingConnector(trust, options, {
    onCertificate: (hostPort, info) => seen.set(hostPort, info),
  });
  const agent = new Agent({ connect, connections: 8, pipelining: 1 });
  return {
    dispatcher: agent,
    insecure: trust.insecure === true && trust.pinnedSha256 === undefined,
    peerCertificate: (hostPort) => seen.get(hostPort),
    close: () => agent.close(),
    destroy: () => agent.destroy(),
  };
}

/** The `host:port` key used by peerCertificate for a URL. */
export function hostPortOf(url: URL): string {
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
  return `${url.hostname}:${port}`;
}
