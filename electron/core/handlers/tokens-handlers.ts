import { normalizeSha256Fingerprint, secretRefsFor, type Connection } from '#shared/connection.js';
import { AppError } from '#shared/errors.js';
import { fallbackAuthMethods, getPreset } from '#shared/presets/index.js';
import type { SecretValues } from '../connections/connection-repository.js';
import { draftConnection } from '../connections/draft-connection.js';
import type { tokensChannels } from '#shared/ipc/tokens-channels.js';
import type { HandlersFor } from '../ipc/dispatch.js';
import { tokenBinding } from '../jwt/token-binding-source.js';
import { generateDpopKey } from '../tokens/dpop.js';
import type { AppCore } from '../app-core.js';
import {
  buildTokenRequestSpec,
  discoverTokenEndpoint,
  readSecretMaterial,
  testConnection,
  type SecretMaterial,
  type TokenRequestSpec,
} from '../tokens/index.js';

/**
 * Secrets typed in the form win; otherwise the saved connection's stored ones are used, but only
 * when the draft's token endpoint has the origin they were entered for.
 */
async function materialFor(
  services: AppCore,
  typed: SecretValues,
  savedId: string | undefined,
  draft: Connection,
): Promise<SecretMaterial> {
  const saved = savedId ? services.connections.get(savedId) : undefined;
  const given = (value: string | undefined): boolean => value !== undefined && value !== '';
  // Every secret the saved connection holds was typed again: the stored ones are not needed.
  const retyped =
    saved !== undefined &&
    (saved.secretRef === undefined || given(typed.clientSecret)) &&
    (saved.privateKeyJwt?.keyRef === undefined || given(typed.privateKey)) &&
    (saved.tls.clientCertRef === undefined || given(typed.clientCert)) &&
    (saved.tls.clientKeyRef === undefined || given(typed.clientKey));
  const stored: SecretMaterial =
    saved && !retyped
      ? await readSecretMaterial(saved, (ref) => services.secrets.find(ref), draft)
      : {};
  const pick = (value: string | undefined, fallback: string | undefined): string | undefined =>
    given(value) ? value : fallback;
  return {
    clientSecret: pick(typed.clientSecret, stored.clientSecret),
    privateKey: pick(typed.privateKey, stored.privateKey),
    clientCertPem: pick(typed.clientCert, stored.clientCertPem),
    clientKeyPem: pick(typed.clientKey, stored.clientKeyPem),
  };
}

/** Handlers for `tokens:*`. Only `tokens:reveal` ever returns a raw token. */
export function tokensHandlers(services: AppCore): HandlersFor<typeof tokensChannels> {
  const { engine, connections } = services;
  const known = (connectionId: string): string => connections.get(connectionId).id;
  // Tests still waiting for their server, by the id the page gave them, so "Stop waiting" can
  // abort the request instead of leaving it open until its timeout (up to 900 s for AppViewX).
  const runningTests = new Map<string, AbortController>();
  return {
    'tokens:get-status': async ({ connectionId }) => engine.getStatus(known(connectionId)),
    'tokens:fetch': async ({ connectionId, force }, ctx) =>
      engine.ensureToken(known(connectionId), { force: force ?? false, signal: ctx.signal }),
    'tokens:invalidate': async ({ connectionId }) => {
      engine.invalidate(known(connectionId));
      return engine.getStatus(connectionId);
    },
    'tokens:cancel': async ({ connectionId }) => {
      engine.cancel(known(connectionId));
      return engine.getStatus(connectionId);
    },
    'tokens:reveal': async ({ connectionId }, ctx) =>
      engine.revealToken(known(connectionId), { signal: ctx.signal }),
    'tokens:test': async (
      { connection, secrets, connectionId, testId, draftId, tryOtherMethods },
      ctx,
    ) => {
      const controller = new AbortController();
      if (testId !== undefined) {
        runningTests.get(testId)?.abort();
        runningTests.set(testId, controller);
      }
      const signal = ctx.signal
        ? AbortSignal.any([ctx.signal, controller.signal])
        : controller.signal;
      try {
        const draft = draftConnection(connection);
        const savedId = connectionId ?? connection.id;
        const material = await materialFor(services, secrets ?? {}, savedId, draft);
        if (draftId !== undefined) {
          const typedKey = secrets?.privateKey !== undefined && secrets.privateKey !== '';
          Object.assign(material, await draftMaterial(services, draftId, draft, savedId, typedKey));
        }
        const spec = await withSubjectToken(
          services,
          await buildTokenRequestSpec(draft, material, { signal }),
          signal,
        );
        const preset = getPreset(draft.presetId);
        const otherMethods =
          tryOtherMethods === false || preset === undefined
            ? []
            : fallbackAuthMethods(preset, spec.authMethod);
        return await testConnection(spec, { signal, otherMethods });
      } finally {
        if (testId !== undefined && runningTests.get(testId) === controller) {
          runningTests.delete(testId);
        }
      }
    },
    'tokens:binding': async ({ connectionId }, ctx) =>
      tokenBinding(services, known(connectionId), ctx.signal),
    'tokens:cancel-test': async ({ testId }) => {
      const running = runningTests.get(testId);
      running?.abort();
      runningTests.delete(testId);
      return { cancelled: running !== undefined };
    },
    'tokens:discover': async ({ issuer, allowHttp, caPem, pinnedSha256, insecure }, ctx) => {
      const pin = pinnedSha256 ? normalizeSha256Fingerprint(pinnedSha256) : undefined;
      if (pin === null) {
        throw new AppError('validation', 'The pinned fingerprint is not a SHA-256 fingerprint.', {
          hint: 'Paste 64 hex digits, colons optional (e.g. AB:CD:…).',
        });
      }
      const found = await discoverTokenEndpoint(issuer, {
        tls: { caPem, pinnedSha256: pin, insecure: insecure ?? false },
        allowHttp: allowHttp ?? false,
        timeoutMs: 15_000,
        signal: ctx.signal,
      });
      return {
        issuer: found.issuer,
        tokenEndpoint: found.tokenEndpoint,
        jwksUri: found.jwksUri ?? null,
        tokenEndpointAuthMethods: found.tokenEndpointAuthMethods ?? null,
      };
    },
  };
}

/**
 * What a wizard draft's session adds: the dropped key file's key (unless a key was chosen in the
 * form), and the DPoP key: the saved connection's when it has one, else one made for the draft
 * once and kept, so the tests and the saved connection use the same key.
 */
async function draftMaterial(
  services: AppCore,
  draftId: string,
  draft: Connection,
  savedId: string | undefined,
  typedKey: boolean,
): Promise<Partial<SecretMaterial>> {
  const { drafts } = services;
  const out: Partial<SecretMaterial> = {};
  const heldKey = typedKey ? undefined : await drafts.get(draftId, 'privateKey');
  if (heldKey !== undefined) out.privateKey = heldKey;
  if (draft.dpop?.enabled === true) {
    const saved = savedId === undefined ? undefined : services.connections.findByNameOrId(savedId);
    const savedKey =
      saved === undefined
        ? undefined
        : await services.secrets.find(secretRefsFor(saved.id).dpopKey);
    let key = (await drafts.get(draftId, 'dpopKey')) ?? savedKey;
    if (key === undefined) {
      key = await generateDpopKey();
      await drafts.put(draftId, 'dpopKey', key);
    }
    out.dpopKey = key;
  }
  return out;
}

/** A token exchange test uses the subject connection's current token, as the engine would. */
async function withSubjectToken(
  services: AppCore,
  spec: TokenRequestSpec,
  signal: AbortSignal,
): Promise<TokenRequestSpec> {
  const exchange = spec.tokenExchange;
  if (exchange?.subjectConnectionId === undefined || exchange.subjectToken !== undefined) {
    return spec;
  }
  const subjectId = services.connections.get(exchange.subjectConnectionId).id;
  const subject = await services.engine.revealToken(subjectId, { signal });
  return { ...spec, tokenExchange: { ...exchange, subjectToken: subject.accessToken } };
}
