import { checkServerIdentity, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import type { z } from 'zod';
import { AppError } from '#shared/errors.js';
import type { certificateInfoSchema } from '#shared/ipc/tokens-channels.js';
import { formatSha256Fingerprint, normalizeSha256Fingerprint } from '#shared/connection.js';

/** What the user needs to decide whether to trust a server certificate (as the contract says). */
export type CertificateInfo = z.output<typeof certificateInfoSchema>;

/** TLS trust for one connection, with the secrets (client key) already resolved. */
export interface TlsTrustOptions {
  caPem?: string | undefined;
  /** Hex, colons optional, any case (see normalizeSha256Fingerprint). */
  pinnedSha256?: string | undefined;
  insecure?: boolean | undefined;
  clientCertPem?: string | undefined;
  clientKeyPem?: string | undefined;
}

function formatName(name: Record<string, string | string[]> | undefined): string {
  if (name === undefined) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

/** Summarise a peer certificate for errors and the "trust this server?" dialog. */
export function describeCertificate(cert: DetailedPeerCertificate): CertificateInfo {
  const issuerCert = cert.issuerCertificate as DetailedPeerCertificate | undefined;
  const subject = formatName(cert.subject as unknown as Record<string, string | string[]>);
  const issuer = formatName(cert.issuer as unknown as Record<string, string | string[]>);
  return {
    subject,
    issuer,
    fingerprint256: formatSha256Fingerprint(cert.fingerprint256 ?? ''),
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    subjectAltName: cert.subjectaltname,
    serialNumber: cert.serialNumber,
    selfSigned:
      issuerCert === undefined || issuerCert === cert
        ? subject === issuer
        : issuerCert.fingerprint256 === cert.fingerprint256,
  };
}

const pinHint =
  'Check the fingerprint with whoever runs the server (for example with openssl s_client), then pin it in the connection to trust exactly this certificate.';

function untrustedError(code: string, info: CertificateInfo): AppError {
  const details = { certificate: info, reason: code };
  const fp = info.fingerprint256;
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return new AppError(
        'tls',
        `Self-signed certificate with fingerprint ${fp}: pin it to trust.`,
        {
          hint: pinHint,
          details,
        },
      );
    case 'CERT_HAS_EXPIRED':
      return new AppError('tls', `The server's certificate expired on ${info.validTo}.`, {
        hint: 'The server needs a renewed certificate. Pinning the old one works, but only until it is replaced.',
        details,
      });
    case 'CERT_NOT_YET_VALID':
      return new AppError('tls', `The server's certificate is valid only from ${info.validFrom}.`, {
        hint: "Check this computer's date and time.",
        details,
      });
    default:
      return new AppError(
        'tls',
        `Untrusted certificate for ${info.subject} issued by ${info.issuer} (fingerprint ${fp}).`,
        {
          hint: `Add the issuing CA's certificate to the connection (custom CA), or: ${pinHint}`,
          details,
        },
      );
  }
}

/**
 * Decide whether to trust the server behind a finished TLS handshake. Returns the reason to refuse,
 * or undefined. A matching pin trusts the certificate even when no CA vouches for it or its names
 * differ (the pin names exactly one certificate); otherwise normal CA and host-name checks apply.
 */
export function verifyPeer(
  socket: TLSSocket,
  hostname: string,
  trust: TlsTrustOptions,
  info: CertificateInfo,
  cert: DetailedPeerCertificate,
): AppError | undefined {
  if (trust.pinnedSha256 !== undefined) {
    const actual = normalizeSha256Fingerprint(info.fingerprint256);
    if (actual !== null && actual === normalizeSha256Fingerprint(trust.pinnedSha256))
      return undefined;
    return new AppError(
      'tls',
      `The server's certificate (fingerprint ${info.fingerprint256}) does not match the pinned one.`,
      {
        hint: 'If the server got a new certificate, check its fingerprint out of band and update the pin. Otherwise someone may be intercepting the connection.',
        details: {
          certificate: info,
          reason: 'PIN_MISMATCH',
          pinned: formatSha256Fingerprint(trust.pinnedSha256),
        },
      },
    );
  }
  if (trust.insecure === true) return undefined;
  // Node runs the host-name check itself and reports it as an authorization error.
  const code = socket.authorized ? undefined : String(socket.authorizationError ?? 'UNKNOWN');
  const nameMismatch =
    code === 'ERR_TLS_CERT_ALTNAME_INVALID' ||
    (code === undefined && checkServerIdentity(hostname, cert) !== undefined);
  if (nameMismatch) {
    return new AppError(
      'tls',
      `The certificate is not valid for ${hostname} (it names ${info.subjectAltName ?? info.subject}).`,
      {
        hint: 'Use the host name the certificate was issued for, or pin the certificate if you know it is the right server.',
        details: { certificate: info, reason: 'ERR_TLS_CERT_ALTNAME_INVALID' },
      },
    );
  }
  if (code !== undefined) return untrustedError(code, info);
  return undefined;
}
