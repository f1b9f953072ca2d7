import {
  ACCESS_TOKEN_TYPE,
  JWT_BEARER_GRANT,
  TOKEN_EXCHANGE_GRANT,
  type AuthMethod,
  type BodyEncoding,
  type ConnectionInput,
  type ResponseMapping,
} from '#shared/connection.js';
import { AppError } from '#shared/errors.js';
import type { ConnectionView } from '#shared/ipc/contract.js';
import type { KeyFileFacts } from '#shared/ipc/connections-channels.js';
import { getPreset, resolveTokenUrl, type Preset } from '#shared/presets/index.js';
import { usesSecret } from './auth-methods.js';
import { formatHeaders, formatParams, parseHeaders, parseParams } from './key-values.js';

export const jwsAlgorithms = ['RS256', 'PS256', 'ES256', 'EdDSA', 'RS384', 'RS512'] as const;

/**
 * How the connection gets its token: with its own credentials (client credentials), with an
 * assertion signed by a key (JWT bearer, RFC 7523 §2.1), or by exchanging another connection's
 * token (RFC 8693).
 */
export type GrantKind = 'client_credentials' | 'jwt_bearer' | 'token_exchange';

/** The presets whose connections are JWT bearer with a key file (Google's profile). */
export const KEY_FILE_PRESETS: ReadonlySet<string> = new Set(['google-service-account']);

/** True when the draft's preset takes a service-account key file (the key stays in main). */
export function usesKeyFile(draft: Pick<WizardDraft, 'presetId'>): boolean {
  return KEY_FILE_PRESETS.has(draft.presetId);
}

/** Which secrets a saved connection already holds (editing). */
export interface StoredSecrets {
  clientSecret: boolean;
  privateKey: boolean;
  clientCert: boolean;
  clientKey: boolean;
}

/**
 * Everything the wizard's form holds, as the user typed it. Blank optional fields mean "the
 * preset's default", so a later fix to a preset still reaches the connection.
 */
export interface WizardDraft {
  presetId: string;
  /** The saved connection being edited, if any. */
  editId: string | undefined;
  name: string;
  fields: Record<string, string>;
  clientId: string;
  /** Typed secret; empty means "none typed" (when editing: keep the stored one). */
  clientSecret: string;
  stored: StoredSecrets;
  /** Origin of the token endpoint the stored secrets were entered for (editing). */
  secretOrigin: string | undefined;
  privateKey: string;
  privateKeyFile: string;
  clientCert: string;
  clientCertFile: string;
  clientKey: string;
  clientKeyFile: string;
  jwtAlg: string;
  jwtKid: string;
  authMethod: AuthMethod;
  grantType: string;
  scope: string;
  audience: string;
  extraParams: string;
  extraHeaders: string;
  bodyEncoding: BodyEncoding;
  tokenPointer: string;
  timeoutSec: string;
  tokenUrlOverride: string;
  caPem: string;
  pinnedSha256: string;
  allowHttp: boolean;
  /** Settings the wizard has no control for, kept as they were when editing. */
  keep: Pick<ConnectionInput, 'extraQueryParams' | 'apiBaseUrls'> & {
    insecure: boolean;
    responseMapping: ResponseMapping;
  };
  /** An imported curl command used -k: offer to trust the certificate the test reveals. */
  trustQuestion: boolean;
  grant: GrantKind;
  /** The dropped key file's public facts; its private key went to main at once. */
  keyFile: KeyFileFacts | null;
  keyFileName: string;
  /** JWT bearer: `iss`, `sub` and `aud` of the assertion (blank: client ID, issuer, token URL). */
  jwtIssuer: string;
  jwtSubject: string;
  jwtAudience: string;
  /** DPoP (RFC 9449): main makes and keeps a key pair for the connection. */
  dpop: boolean;
  /** Token exchange: the connection whose token is exchanged, and the token types. */
  subjectConnectionId: string;
  subjectTokenType: string;
  requestedTokenType: string;
  resource: string;
  /** The test may try the preset's other secret methods after a rejection (not saved). */
  tryOtherMethods: boolean;
  /** The secret came from a curl command as written there (quoted), not typed or pasted. */
  secretQuoted: boolean;
}

export type FieldErrors = Partial<Record<string, string>>;

const noneStored: StoredSecrets = {
  clientSecret: false,
  privateKey: false,
  clientCert: false,
  clientKey: false,
};

/** The preset of a draft; every draft is created from a known preset. */
export function presetOf(draft: Pick<WizardDraft, 'presetId'>): Preset {
  const preset = getPreset(draft.presetId);
  if (preset === undefined) throw new Error(`Unknown preset ${draft.presetId}`);
  return preset;
}

/** "Amplience", or "Amplience 2" when that name is taken. */
export function uniqueName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.trim().toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} ${i}`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/** A fresh draft for a preset: its field defaults filled in, everything else blank. */
export function initialDraft(preset: Preset, takenNames: readonly string[] = []): WizardDraft {
  const fields: Record<string, string> = {};
  for (const field of preset.fields) fields[field.key] = field.default ?? '';
  return {
    presetId: preset.id,
    editId: undefined,
    name: uniqueName(preset.name, takenNames),
    fields,
    clientId: '',
    clientSecret: '',
    stored: noneStored,
    secretOrigin: undefined,
    privateKey: '',
    privateKeyFile: '',
    clientCert: '',
    clientCertFile: '',
    clientKey: '',
    clientKeyFile: '',
    jwtAlg: 'RS256',
    jwtKid: '',
    authMethod: preset.defaults.authMethod,
    grantType: '',
    scope: preset.defaults.scope ?? '',
    audience: preset.defaults.audience ?? '',
    extraParams: '',
    extraHeaders: '',
    bodyEncoding: preset.defaults.bodyEncoding,
    tokenPointer: '',
    timeoutSec: '',
    tokenUrlOverride: '',
    caPem: '',
    pinnedSha256: '',
    allowHttp: false,
    keep: { insecure: false, responseMapping: {} },
    trustQuestion: false,
    grant: KEY_FILE_PRESETS.has(preset.id) ? 'jwt_bearer' : 'client_credentials',
    keyFile: null,
    keyFileName: '',
    jwtIssuer: '',
    jwtSubject: '',
    jwtAudience: '',
    dpop: false,
    subjectConnectionId: '',
    subjectTokenType: ACCESS_TOKEN_TYPE,
    requestedTokenType: '',
    resource: '',
    tryOtherMethods: true,
    secretQuoted: false,
  };
}

/** Switch a draft to another preset, keeping what the user typed that still applies. */
export function withPreset(draft: WizardDraft, preset: Preset): WizardDraft {
  const fresh = initialDraft(preset);
  const fields = { ...fresh.fields };
  for (const key of Object.keys(fields)) {
    const typed = draft.fields[key];
    if (typed !== undefined && typed !== '') fields[key] = typed;
  }
  return {
    ...draft,
    presetId: preset.id,
    fields,
    authMethod: preset.defaults.authMethod,
    bodyEncoding: preset.defaults.bodyEncoding,
    grant: fresh.grant,
    keyFile: KEY_FILE_PRESETS.has(preset.id) ? draft.keyFile : null,
    keyFileName: KEY_FILE_PRESETS.has(preset.id) ? draft.keyFileName : '',
    scope: fresh.scope,
  };
}

/** Origin of a saved connection's token URL (or issuer); undefined when it cannot be resolved. */
function savedTokenOrigin(preset: Preset, c: ConnectionView['connection']): string | undefined {
  try {
    const endpoint = resolveTokenUrl(preset, c.fields, c.tokenUrl);
    return new URL(endpoint.kind === 'url' ? endpoint.url : endpoint.issuer).origin;
  } catch {
    return undefined;
  }
}

/** The draft for editing a saved connection; secrets are never read back, only flagged. */
export function draftFromConnection(view: ConnectionView): WizardDraft {
  const c = view.connection;
  const preset = getPreset(c.presetId) ?? presetOf({ presetId: 'generic-oauth2' });
  const base = initialDraft(preset);
  const { accessToken, ...otherMapping } = c.responseMapping ?? {};
  return {
    ...base,
    editId: c.id,
    name: c.name,
    fields: { ...base.fields, ...c.fields },
    clientId: c.clientId,
    stored: view.secrets,
    secretOrigin: c.secretOrigin ?? savedTokenOrigin(preset, c),
    jwtAlg: c.privateKeyJwt?.alg ?? 'RS256',
    jwtKid: c.privateKeyJwt?.kid ?? '',
    authMethod: c.authMethod ?? preset.defaults.authMethod,
    grantType: c.grantType ?? '',
    scope: c.scope ?? preset.defaults.scope ?? '',
    audience: c.audience ?? preset.defaults.audience ?? '',
    extraParams: formatParams(c.extraBodyParams),
    extraHeaders: formatHeaders(c.extraHeaders),
    bodyEncoding: c.bodyEncoding ?? preset.defaults.bodyEncoding,
    tokenPointer: accessToken ?? '',
    timeoutSec: c.timeoutMs === undefined ? '' : String(c.timeoutMs / 1000),
    tokenUrlOverride: c.tokenUrl ?? '',
    caPem: c.tls.caPem ?? '',
    pinnedSha256: c.tls.pinnedSha256 ?? '',
    allowHttp: c.allowHttp,
    ...grantFromConnection(c, preset),
    keep: {
      insecure: c.tls.insecure,
      responseMapping: otherMapping,
      ...(c.extraQueryParams !== undefined ? { extraQueryParams: c.extraQueryParams } : {}),
      ...(c.apiBaseUrls !== undefined ? { apiBaseUrls: c.apiBaseUrls } : {}),
    },
  };
}

/** The grant fields of a saved connection's draft. */
function grantFromConnection(
  c: ConnectionView['connection'],
  preset: Preset,
): Partial<WizardDraft> {
  const bearer = c.jwtBearer;
  const exchange = c.tokenExchange;
  const keyFile = KEY_FILE_PRESETS.has(preset.id);
  const templateUrl = preset.tokenEndpoint.kind === 'template' ? preset.tokenEndpoint.template : '';
  return {
    grant:
      bearer !== undefined
        ? 'jwt_bearer'
        : exchange !== undefined
          ? 'token_exchange'
          : 'client_credentials',
    keyFile:
      keyFile && bearer !== undefined
        ? {
            clientEmail: c.clientId,
            privateKeyId: bearer.kid ?? '',
            tokenUri: c.tokenUrl ?? templateUrl,
            projectId: bearer.projectId ?? null,
          }
        : null,
    jwtAlg: bearer?.alg ?? c.privateKeyJwt?.alg ?? 'RS256',
    jwtKid: keyFile ? '' : (bearer?.kid ?? c.privateKeyJwt?.kid ?? ''),
    jwtIssuer: bearer?.issuer ?? '',
    jwtSubject: bearer?.subject ?? '',
    jwtAudience: bearer?.audience ?? '',
    dpop: c.dpop?.enabled === true,
    subjectConnectionId: exchange?.subjectConnectionId ?? '',
    subjectTokenType: exchange?.subjectTokenType ?? ACCESS_TOKEN_TYPE,
    requestedTokenType: exchange?.requestedTokenType ?? '',
    resource: c.resource ?? '',
  };
}

export type TokenUrlPreview =
  | { kind: 'url'; url: string }
  | { kind: 'discovery'; issuer: string; discoveryUrl: string }
  | { kind: 'error'; message: string; fieldErrors: Record<string, string> };

/** The token URL the connection will use, recomputed on every keystroke. */
export function tokenUrlPreview(draft: WizardDraft): TokenUrlPreview {
  try {
    // A key file names its own token URL (the assertion's audience must be exactly it).
    const fromKeyFile = usesKeyFile(draft) && draft.keyFile !== null ? draft.keyFile.tokenUri : '';
    const override = draft.tokenUrlOverride.trim() !== '' ? draft.tokenUrlOverride : fromKeyFile;
    return resolveTokenUrl(presetOf(draft), draft.fields, override);
  } catch (err) {
    if (err instanceof AppError) {
      const fieldErrors = (err.details?.fieldErrors ?? {}) as Record<string, string>;
      return { kind: 'error', message: err.message, fieldErrors };
    }
    throw err;
  }
}

function optionalText(value: string, presetDefault: string | undefined): string | undefined {
  const v = value.trim();
  return v === (presetDefault ?? '') ? undefined : v;
}

/** The connection as the contract wants it (no secrets: see secretsOf). */
export function toConnectionInput(draft: WizardDraft): ConnectionInput {
  const preset = presetOf(draft);
  const d = preset.defaults;
  const params = parseParams(draft.extraParams).values;
  const headers = parseHeaders(draft.extraHeaders).values;
  const responseMapping: ResponseMapping = { ...draft.keep.responseMapping };
  if (draft.tokenPointer.trim() !== '') responseMapping.accessToken = draft.tokenPointer.trim();
  const fields: Record<string, string> = {};
  for (const field of preset.fields) {
    const value = (draft.fields[field.key] ?? '').trim();
    if (value !== '') fields[field.key] = value;
  }
  const input: ConnectionInput = {
    name: draft.name.trim(),
    presetId: preset.id,
    fields,
    clientId: draft.clientId.trim(),
    tls: {
      insecure: draft.keep.insecure,
      ...(draft.caPem.trim() !== '' ? { caPem: draft.caPem.trim() } : {}),
      ...(draft.pinnedSha256.trim() !== '' ? { pinnedSha256: draft.pinnedSha256.trim() } : {}),
    },
    allowHttp: draft.allowHttp,
  };
  if (draft.editId !== undefined) input.id = draft.editId;
  if (draft.tokenUrlOverride.trim() !== '') input.tokenUrl = draft.tokenUrlOverride.trim();
  if (draft.authMethod !== d.authMethod) input.authMethod = draft.authMethod;
  if (draft.authMethod === 'private_key_jwt') {
    input.privateKeyJwt = {
      alg: draft.jwtAlg as NonNullable<ConnectionInput['privateKeyJwt']>['alg'],
      ...(draft.jwtKid.trim() !== '' ? { kid: draft.jwtKid.trim() } : {}),
    };
  }
  if (draft.grantType.trim() !== '') input.grantType = draft.grantType.trim();
  const scope = optionalText(draft.scope, d.scope);
  if (scope !== undefined) input.scope = scope;
  const audience = optionalText(draft.audience, d.audience);
  if (audience !== undefined) input.audience = audience;
  if (Object.keys(params).length > 0) input.extraBodyParams = params;
  if (Object.keys(headers).length > 0) input.extraHeaders = headers;
  if (draft.bodyEncoding !== d.bodyEncoding) input.bodyEncoding = draft.bodyEncoding;
  if (Object.keys(responseMapping).length > 0) input.responseMapping = responseMapping;
  if (draft.timeoutSec.trim() !== '') {
    input.timeoutMs = Math.round(Number(draft.timeoutSec) * 1000);
  }
  if (draft.resource.trim() !== '') input.resource = draft.resource.trim();
  if (draft.dpop) input.dpop = { enabled: true };
  addGrant(draft, input);
  if (draft.keep.extraQueryParams !== undefined) {
    input.extraQueryParams = draft.keep.extraQueryParams;
  }
  if (draft.keep.apiBaseUrls !== undefined) input.apiBaseUrls = draft.keep.apiBaseUrls;
  return input;
}

const blankToUndefined = (value: string): string | undefined =>
  value.trim() === '' ? undefined : value.trim();

/** The grant's settings: JWT bearer (key file or generic) or token exchange. */
function addGrant(draft: WizardDraft, input: ConnectionInput): void {
  if (usesKeyFile(draft)) {
    const facts = draft.keyFile;
    const subject = blankToUndefined(draft.jwtSubject);
    input.jwtBearer = {
      profile: 'google',
      ...(facts !== null && facts.privateKeyId !== '' ? { kid: facts.privateKeyId } : {}),
      ...(subject !== undefined ? { subject } : {}),
      ...(facts?.projectId != null ? { projectId: facts.projectId } : {}),
    };
    if (facts !== null) {
      input.clientId = facts.clientEmail;
      const preset = presetOf(draft);
      const template =
        preset.tokenEndpoint.kind === 'template' ? preset.tokenEndpoint.template : undefined;
      // The assertion's audience must be exactly the key file's token_uri.
      if (draft.tokenUrlOverride.trim() === '' && facts.tokenUri !== template) {
        input.tokenUrl = facts.tokenUri;
      }
    }
    return;
  }
  if (draft.grant === 'jwt_bearer') {
    const [kid, issuer, subject, audience] = [
      draft.jwtKid,
      draft.jwtIssuer,
      draft.jwtSubject,
      draft.jwtAudience,
    ].map(blankToUndefined);
    input.jwtBearer = {
      profile: 'rfc7523',
      alg: draft.jwtAlg as NonNullable<ConnectionInput['privateKeyJwt']>['alg'],
      ...(kid !== undefined ? { kid } : {}),
      ...(issuer !== undefined ? { issuer } : {}),
      ...(subject !== undefined ? { subject } : {}),
      ...(audience !== undefined ? { audience } : {}),
    };
    if (draft.grantType.trim() === '') input.grantType = JWT_BEARER_GRANT;
  }
  if (draft.grant === 'token_exchange') {
    const requested = blankToUndefined(draft.requestedTokenType);
    input.tokenExchange = {
      subjectConnectionId: draft.subjectConnectionId,
      subjectTokenType: blankToUndefined(draft.subjectTokenType) ?? ACCESS_TOKEN_TYPE,
      ...(requested !== undefined ? { requestedTokenType: requested } : {}),
    };
    if (draft.grantType.trim() === '') input.grantType = TOKEN_EXCHANGE_GRANT;
  }
}

/** Secret values typed in the wizard; sent once, never read back. */
export interface SecretsToSend {
  clientSecret?: string;
  privateKey?: string;
  clientCert?: string;
  clientKey?: string;
}

/** The secrets to send with a test or a save: only those the chosen method uses and typed. */
export function secretsOf(draft: WizardDraft): SecretsToSend {
  const secrets: SecretsToSend = {};
  if (usesSecret(draft.authMethod) && draft.clientSecret !== '') {
    secrets.clientSecret = draft.clientSecret;
  }
  const keyed =
    draft.authMethod === 'private_key_jwt' || (draft.grant === 'jwt_bearer' && !usesKeyFile(draft));
  if (keyed && draft.privateKey !== '') {
    secrets.privateKey = draft.privateKey;
  }
  if (draft.authMethod === 'tls_client_auth') {
    if (draft.clientCert !== '') secrets.clientCert = draft.clientCert;
    if (draft.clientKey !== '') secrets.clientKey = draft.clientKey;
  }
  return secrets;
}

/** True when the draft holds something secret the user entered: cancelling would lose it. */
export function hasTypedSecret(draft: WizardDraft | null): boolean {
  if (draft === null) return false;
  return (
    draft.clientSecret !== '' ||
    draft.privateKey !== '' ||
    draft.clientCert !== '' ||
    draft.clientKey !== '' ||
    draft.keyFileName !== ''
  );
}
