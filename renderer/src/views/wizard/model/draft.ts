import {
  type AuthMethod,
  type BodyEncoding,
  type ConnectionInput,
  type ResponseMapping,
} from '#shared/connection.js';
import { AppError } from '#shared/errors.js';
import type { ConnectionView } from '#shared/ipc/contract.js';
import { getPreset, resolveTokenUrl, type Preset } from '#shared/presets/index.js';
import { usesSecret } from './auth-methods.js';
import { formatHeaders, formatParams, parseHeaders, parseParams } from './key-values.js';

export const jwsAlgorithms = ['RS256', 'PS256', 'ES256', 'EdDSA', 'RS384', 'RS512'] as const;

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
  keep: Pick<ConnectionInput, 'resource' | 'extraQueryParams' | 'apiBaseUrls'> & {
    insecure: boolean;
    responseMapping: ResponseMapping;
  };
  /** An imported curl command used -k: offer to trust the certificate the test reveals. */
  trustQuestion: boolean;
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
    keep: {
      insecure: c.tls.insecure,
      responseMapping: otherMapping,
      ...(c.resource !== undefined ? { resource: c.resource } : {}),
      ...(c.extraQueryParams !== undefined ? { extraQueryParams: c.extraQueryParams } : {}),
      ...(c.apiBaseUrls !== undefined ? { apiBaseUrls: c.apiBaseUrls } : {}),
    },
  };
}

export type TokenUrlPreview =
  | { kind: 'url'; url: string }
  | { kind: 'discovery'; issuer: string; discoveryUrl: string }
  | { kind: 'error'; message: string; fieldErrors: Record<string, string> };

/** The token URL the connection will use, recomputed on every keystroke. */
export function tokenUrlPreview(draft: WizardDraft): TokenUrlPreview {
  try {
    return resolveTokenUrl(presetOf(draft), draft.fields, draft.tokenUrlOverride);
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
  if (draft.keep.resource !== undefined) input.resource = draft.keep.resource;
  if (draft.keep.extraQueryParams !== undefined) {
    input.extraQueryParams = draft.keep.extraQueryParams;
  }
  if (draft.keep.apiBaseUrls !== undefined) input.apiBaseUrls = draft.keep.apiBaseUrls;
  return input;
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
  if (draft.authMethod === 'private_key_jwt' && draft.privateKey !== '') {
    secrets.privateKey = draft.privateKey;
  }
  if (draft.authMethod === 'tls_client_auth') {
    if (draft.clientCert !== '') secrets.clientCert = draft.clientCert;
    if (draft.clientKey !== '') secrets.clientKey = draft.clientKey;
  }
  return secrets;
}
