import { redactSecrets } from '#shared/redaction.js';
import { AppError } from '#shared/errors.js';
import type {
  ConnectionInspectionResult,
  inspectorChannels,
  KeySourceInput,
  TokenExpectation,
} from '#shared/ipc/inspector-channels.js';
import {
  decodeToken,
  inspectToken,
  inspectTokenInput,
  type TokenInspection,
} from '#shared/jwt/index.js';
import type { AppContext } from '../app-context.js';
import type { HandlersFor } from '../ipc/dispatch.js';
import { createJwksClient, type JwksClient } from '../jwt/jwks-client.js';
import type { JwksMemory } from '../jwt/jwks-memory.js';
import { signatureReport, type SignatureReport } from '../jwt/signature-report.js';
import { verifyTokenSignature, type KeySource } from '../jwt/verify-signature.js';

/** A connection's current token and what the inspector needs to judge it. */
export interface InspectorConnectionToken {
  /** The raw access token; it stays in the main process. */
  token: string;
  /** What the connection asked for (issuer, audience, scope), for the mismatch warnings. */
  expected: TokenExpectation;
  /** Where the issuer publishes its keys; the JWKS URI wins over the issuer's discovery. */
  jwks?: { issuer?: string; jwksUri?: string };
  /** A fetch carrying the connection's TLS settings (custom CA, pinning); keep it stable per connection so keys are cached. */
  fetch?: typeof fetch;
}

/**
 * How the inspector reaches a connection's token without knowing the token engine: the lead
 * wires an adapter over the engine and the connection store (see connections/inspector-token-source.ts).
 */
export interface InspectorTokenSource {
  currentToken(connectionId: string): Promise<InspectorConnectionToken>;
  /** Optional: the connection's TLS-aware fetch without acquiring a token (for pasted tokens). */
  keyFetch?(connectionId: string): Promise<typeof fetch | undefined>;
}

/** Dependencies of {@link inspectorHandlers}. */
export interface InspectorDeps {
  tokenSource?: InspectorTokenSource | undefined;
  /** The app-wide JWKS client (keys cached across checks). */
  jwksClient: JwksClient;
  /** The JWKS URL remembered per issuer; without it nothing is remembered. */
  jwksMemory?: JwksMemory | undefined;
  /** Epoch milliseconds; injectable for tests. */
  now?: () => number;
}

/** True for a URL the inspector may fetch keys from without being asked. */
function autoFetchable(issuer: string): boolean {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** The `iss` claim and whether the token is one a public key can check (JWS, not HMAC). */
function issuerOf(token: string): { issuer: string | null; publicKey: boolean } {
  const decoded = decodeToken(token);
  if (!decoded.ok || decoded.token.kind !== 'jws') return { issuer: null, publicKey: false };
  const iss = decoded.token.payload.iss;
  return {
    issuer: typeof iss === 'string' && iss !== '' ? iss : null,
    publicKey: !/^HS\d+$/.test(decoded.token.alg ?? ''),
  };
}

const NO_SOURCE_HINT =
  'Inspecting a connection needs the token engine, which is not wired into this build yet. Paste the token instead.';

/** Handlers for the `inspector:*` channels. */
export function inspectorHandlers(
  _ctx: AppContext,
  deps: InspectorDeps,
): HandlersFor<typeof inspectorChannels> {
  const now = deps.now ?? Date.now;
  // One JWKS client per connection fetch (TLS settings differ), so each keeps its own cache.
  const clients = new WeakMap<typeof fetch, JwksClient>();
  const clientFor = (fetchImpl: typeof fetch | undefined): JwksClient => {
    if (fetchImpl === undefined) return deps.jwksClient;
    let client = clients.get(fetchImpl);
    if (client === undefined) {
      client = createJwksClient({ fetch: fetchImpl, minRefreshIntervalMs: 0 });
      clients.set(fetchImpl, client);
    }
    return client;
  };
  const memory = deps.jwksMemory;
  /** A JWKS URL that verified a token of `issuer` is kept for that issuer's next tokens. */
  const rememberIfVerified = (
    token: string,
    keys: KeySourceInput,
    report: SignatureReport,
  ): void => {
    if (memory === undefined || keys.type !== 'jwks_url' || report.verified !== true) return;
    const { issuer } = issuerOf(token);
    if (issuer !== null && issuer.length <= 2048) memory.remember(issuer, keys.url.trim());
  };
  const source = (): InspectorTokenSource => {
    if (deps.tokenSource === undefined) {
      throw new AppError('not_found', 'No connection token source is available.', {
        hint: NO_SOURCE_HINT,
      });
    }
    return deps.tokenSource;
  };

  return {
    'inspector:decode': async ({ token, skewSeconds }) =>
      inspectToken(token, withSkew({ now: now() }, skewSeconds)),

    'inspector:verify': async ({ token, source: keys, connectionId, refreshKeys }) => {
      const input = inspectTokenInput(token);
      if (!input.ok) {
        return signatureReport(
          'not_applicable',
          `There is no token to check: ${input.error.message}`,
        );
      }
      let fetchImpl: typeof fetch | undefined;
      if (connectionId !== undefined) {
        const tokens = source();
        fetchImpl =
          tokens.keyFetch !== undefined
            ? await tokens.keyFetch(connectionId)
            : (await tokens.currentToken(connectionId)).fetch;
      }
      const jwksClient = clientFor(fetchImpl);
      if (refreshKeys === true) await refresh(jwksClient, keys);
      const report = await verifyTokenSignature(input.token, toKeySource(keys), { jwksClient });
      rememberIfVerified(input.token, keys, report);
      return scrub(report, secretsOf(keys));
    },

    'inspector:auto-verify': async ({ token }) => {
      const input = inspectTokenInput(token);
      const none = { report: null, keys: null, issuer: null, rememberedJwksUrl: null };
      if (!input.ok) return { ...none, skipped: 'There is no token to check.' };
      const { issuer, publicKey } = issuerOf(input.token);
      if (!publicKey) {
        return {
          ...none,
          issuer,
          skipped: 'Only a signed JWT with a public-key algorithm is checked by itself.',
        };
      }
      if (issuer === null) {
        return { ...none, skipped: 'The token names no issuer (iss), so its keys are unknown.' };
      }
      const remembered = memory?.get(issuer) ?? null;
      const keys: KeySourceInput | undefined =
        remembered !== null
          ? { type: 'jwks_url', url: remembered }
          : autoFetchable(issuer)
            ? { type: 'issuer', issuer }
            : undefined;
      if (keys === undefined) {
        return {
          ...none,
          issuer,
          skipped: `The issuer "${issuer}" is not an https address, so its keys are not fetched by themselves.`,
        };
      }
      const report = await verifyTokenSignature(input.token, toKeySource(keys), {
        jwksClient: deps.jwksClient,
      });
      return {
        report,
        keys: remembered !== null ? ('remembered_jwks' as const) : ('issuer_discovery' as const),
        issuer,
        rememberedJwksUrl: remembered,
        skipped: null,
      };
    },

    'inspector:forget-jwks': async ({ issuer }) => {
      memory?.forget(issuer);
      return { issuer };
    },

    'inspector:inspect-connection': async ({ connectionId, skewSeconds }) => {
      const current = await source().currentToken(connectionId);
      const expected = definedOnly(current.expected);
      const result = inspectToken(current.token, withSkew({ now: now(), expected }, skewSeconds));
      // A failure carries the sentence, the position and at most the decoded header: no token.
      const inspection = result.ok ? stripRawToken(result) : result;
      return { inspection, expected };
    },

    'inspector:verify-connection': async ({ connectionId, source: keys, refreshKeys }) => {
      const current = await source().currentToken(connectionId);
      const remembered = (): KeySourceInput | undefined => {
        const { issuer } = issuerOf(current.token);
        const url = issuer === null ? undefined : memory?.get(issuer);
        return url === undefined ? undefined : { type: 'jwks_url', url };
      };
      const chosen = keys ?? defaultKeys(current) ?? remembered();
      if (chosen === undefined) {
        return signatureReport(
          'not_checked',
          'This connection names no issuer or JWKS URL, so there are no keys to fetch. Enter the JWKS URL, paste the public key, or enter the HMAC secret.',
        );
      }
      const jwksClient = clientFor(current.fetch);
      if (refreshKeys === true) await refresh(jwksClient, chosen);
      const report = await verifyTokenSignature(current.token, toKeySource(chosen), { jwksClient });
      rememberIfVerified(current.token, chosen, report);
      return scrub(report, [...secretsOf(chosen), current.token]);
    },
  };
}

/** The inspection without the raw token and signature (the schema insists on ''). */
function stripRawToken(
  inspection: TokenInspection,
): Extract<ConnectionInspectionResult, { ok: true }> {
  const { decoded } = inspection;
  const safe =
    decoded.kind === 'jws' || decoded.kind === 'unsecured'
      ? { ...decoded, token: '' as const, signature: '' as const }
      : { ...decoded, token: '' as const };
  return { ...inspection, token: '', decoded: safe };
}

/** Re-fetches published keys (the client rate-limits this) so the check sees a rotation. */
async function refresh(client: JwksClient, keys: KeySourceInput): Promise<void> {
  if (keys.type === 'issuer') await client.getJwks({ issuer: keys.issuer }, { forceRefresh: true });
  if (keys.type === 'jwks_url') await client.getJwks({ url: keys.url }, { forceRefresh: true });
}

function withSkew<T extends object>(options: T, skewSeconds: number | undefined): T {
  return skewSeconds === undefined ? options : { ...options, skewSeconds };
}

function definedOnly(expected: InspectorConnectionToken['expected']): {
  issuer?: string;
  audience?: string;
  scope?: string;
} {
  const out: { issuer?: string; audience?: string; scope?: string } = {};
  if (expected.issuer) out.issuer = expected.issuer;
  if (expected.audience) out.audience = expected.audience;
  if (expected.scope) out.scope = expected.scope;
  return out;
}

function defaultKeys(current: InspectorConnectionToken): KeySourceInput | undefined {
  if (current.jwks?.jwksUri) return { type: 'jwks_url', url: current.jwks.jwksUri };
  const issuer = current.jwks?.issuer ?? current.expected.issuer;
  if (issuer) return { type: 'issuer', issuer };
  return undefined;
}

function toKeySource(keys: KeySourceInput): KeySource {
  switch (keys.type) {
    case 'issuer':
      return { type: 'issuer', issuer: keys.issuer };
    case 'jwks_url':
      return { type: 'jwks_url', url: keys.url };
    case 'key_text':
      return keys.label === undefined
        ? { type: 'key_text', text: keys.text }
        : { type: 'key_text', text: keys.text, label: keys.label };
    case 'hmac_secret':
      return keys.encoding === undefined
        ? { type: 'hmac_secret', secret: keys.secret }
        : { type: 'hmac_secret', secret: keys.secret, encoding: keys.encoding };
  }
}

function secretsOf(keys: KeySourceInput): string[] {
  return keys.type === 'hmac_secret' ? [keys.secret, keys.secret.trim()] : [];
}

/**
 * Defence in depth: the verifier never quotes its key, but should a library message ever echo
 * the HMAC secret (or a connection's token), it is cut out before the report leaves main.
 */
function scrub(report: SignatureReport, secrets: readonly string[]): SignatureReport {
  const hidden = secrets.filter((secret) => secret !== '').map((value) => ({ value }));
  if (hidden.length === 0) return report;
  const clean = (text: string | null): string | null =>
    text === null ? null : redactSecrets(text, hidden);
  return {
    ...report,
    reason: clean(report.reason) ?? '',
    kid: clean(report.kid),
    alg: clean(report.alg),
    keySource: clean(report.keySource),
  };
}
