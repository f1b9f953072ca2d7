import type { Connection } from '#shared/connection.js';
import { AppError } from '#shared/errors.js';
import { getPreset } from '#shared/presets/index.js';
import { resolveConnectionSettings, resolveTokenUrl } from '#shared/presets/resolve.js';

// A stored secret goes only to the origin (scheme, host, port) of the token endpoint it was
// entered for. Whatever the page or the command line asks, a secret is never filled into a
// request to another origin: the user has to type it again for the new address.

/**
 * The origin a connection's secrets would be sent to: that of its token URL, or of its issuer
 * when the token endpoint is discovered. Undefined while the URL cannot be resolved (fields
 * missing), since then nothing can be sent anywhere.
 */
export function tokenOriginOf(
  connection: Pick<Connection, 'presetId' | 'fields' | 'tokenUrl'>,
): string | undefined {
  const preset = getPreset(connection.presetId);
  if (preset === undefined) return undefined;
  try {
    const endpoint = resolveTokenUrl(preset, connection.fields, connection.tokenUrl);
    return new URL(endpoint.kind === 'url' ? endpoint.url : endpoint.issuer).origin;
  } catch {
    return undefined;
  }
}

/** What the user calls each kind of stored secret. */
export const SECRET_KIND_NAMES = {
  clientSecret: 'client secret',
  privateKey: 'private key',
  clientCert: 'client certificate',
  clientKey: 'client key',
} as const;

/** The names of the secrets a saved connection holds (empty when it holds none). */
export function heldSecretNames(connection: Connection): string[] {
  const held: [keyof typeof SECRET_KIND_NAMES, string | undefined][] = [
    ['clientSecret', connection.secretRef],
    ['privateKey', connection.privateKeyJwt?.keyRef],
    ['clientCert', connection.tls.clientCertRef],
    ['clientKey', connection.tls.clientKeyRef],
  ];
  return held.filter(([, ref]) => ref !== undefined).map(([kind]) => SECRET_KIND_NAMES[kind]);
}

/**
 * The origin a saved connection's secrets belong to. Connections saved before secrets were bound
 * have no record of it; theirs is the origin they are configured for.
 */
export function boundOriginOf(saved: Connection): string | undefined {
  return saved.secretOrigin ?? tokenOriginOf(saved);
}

const listed = (names: string[]): string =>
  names.length <= 1
    ? (names[0] ?? 'stored secret')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/**
 * The refusal when stored secrets (by name: "client secret", …) would go to another origin than
 * the one they were entered for.
 */
export function originChangedError(
  saved: Connection,
  target: string | undefined,
  names: string[],
): AppError {
  const bound = boundOriginOf(saved) ?? 'an address that can no longer be resolved';
  const to = target ?? 'an address that cannot be resolved';
  const what = listed(names);
  const plural = names.length > 1;
  return new AppError(
    'forbidden',
    `The ${what} of "${saved.name}" ${plural ? 'were' : 'was'} entered for ${bound}; Grantline does not send ${plural ? 'them' : 'it'} to ${to}.`,
    {
      hint: `Enter the ${what} again to use ${to}. Another path on the same scheme, host and port needs no new entry.`,
      details: { boundOrigin: bound, requestedOrigin: to },
    },
  );
}

/**
 * Throw unless the stored secrets of `saved` may be sent to the token endpoint of `target` (the
 * saved connection itself, a draft being tested, or the connection with command-line overrides).
 */
export function assertSecretOrigin(saved: Connection, target: Connection): void {
  const names = heldSecretNames(saved);
  if (names.length === 0) return;
  const bound = boundOriginOf(saved);
  const to = tokenOriginOf(target);
  if (bound === undefined || bound !== to) throw originChangedError(saved, to, names);
}

const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/**
 * Where the composer may send a connection's token without asking: the origins of its API base
 * URLs and of its token endpoint, and the ones the user allowed for it.
 */
export function tokenDestinationsOf(connection: Connection): Set<string> {
  const out = new Set<string>(connection.tokenOrigins ?? []);
  const token = tokenOriginOf(connection);
  if (token !== undefined) out.add(token);
  const preset = getPreset(connection.presetId);
  const bases =
    preset === undefined
      ? (connection.apiBaseUrls ?? [])
      : (() => {
          try {
            return resolveConnectionSettings(connection, preset).apiBaseUrls;
          } catch {
            return connection.apiBaseUrls ?? [];
          }
        })();
  for (const base of bases) {
    const origin = originOf(base.url);
    if (origin !== undefined) out.add(origin);
  }
  return out;
}

/**
 * Refuse (before anything is sent) a request that would carry the connection's token to an
 * origin it was not set up for, until the user allows that origin for the connection.
 */
export function assertTokenDestination(connection: Connection, url: string): void {
  const origin = originOf(url);
  if (origin === undefined || tokenDestinationsOf(connection).has(origin)) return;
  throw new AppError(
    'forbidden',
    `This request would send the ${connection.name} token to ${origin}, which is not one of the connection's API base URLs.`,
    {
      hint: `Allow ${origin} for "${connection.name}" to send it there from now on, or choose another auth for this request.`,
      details: { tokenOrigin: origin, connectionId: connection.id },
    },
  );
}
