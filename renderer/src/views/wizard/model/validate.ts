import { connectionInputSchema, normalizeSha256Fingerprint } from '#shared/connection.js';
import { describeLength, httpUrlProblem, singleLineProblem } from '#shared/input-rules.js';
import { MAX_SECRET_CHARS } from '#shared/ipc/connections-channels.js';
import { usesSecret } from './auth-methods.js';
import {
  presetOf,
  toConnectionInput,
  tokenUrlPreview,
  usesKeyFile,
  type FieldErrors,
  type WizardDraft,
} from './draft.js';
import { parseHeaders, parseParams } from './key-values.js';

/** What the details and credentials steps check before the wizard moves on. */

/** True when the method needs a secret and none is typed or stored. */
function missingSecret(draft: WizardDraft): boolean {
  return usesSecret(draft.authMethod) && draft.clientSecret === '' && !draft.stored.clientSecret;
}

/** Which form field a problem the contract's schema found belongs to (its path, joined). */
const fieldOfPath: Record<string, string> = {
  name: 'name',
  tokenUrl: 'tokenUrlOverride',
  clientId: 'clientId',
  grantType: 'grantType',
  scope: 'scope',
  audience: 'audience',
  extraBodyParams: 'extraParams',
  extraHeaders: 'extraHeaders',
  'responseMapping.accessToken': 'tokenPointer',
  timeoutMs: 'timeoutSec',
  'tls.caPem': 'caPem',
  'tls.pinnedSha256': 'pinnedSha256',
  'privateKeyJwt.kid': 'jwtKid',
  'jwtBearer.kid': 'jwtKid',
  'jwtBearer.issuer': 'jwtIssuer',
  'jwtBearer.subject': 'jwtSubject',
  'jwtBearer.audience': 'jwtAudience',
  'tokenExchange.subjectConnectionId': 'subjectConnectionId',
  'tokenExchange.subjectTokenType': 'subjectTokenType',
  'tokenExchange.requestedTokenType': 'requestedTokenType',
  resource: 'resource',
};
const credentialFields = new Set(['clientId', 'jwtKid', 'jwtIssuer', 'jwtSubject', 'jwtAudience']);

/**
 * The contract's own schema (what main checks again), keyed by form field: so the form refuses
 * exactly what main would refuse, at the field. Settings the wizard has no field for land under
 * "settings".
 */
function contractErrors(draft: WizardDraft): FieldErrors {
  const parsed = connectionInputSchema.safeParse(toConnectionInput(draft));
  const errors: FieldErrors = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const [first, second] = issue.path.map(String);
    const key =
      first === 'fields' && second !== undefined
        ? `field:${second}`
        : (fieldOfPath[`${first}.${second}`] ?? fieldOfPath[first ?? ''] ?? 'settings');
    errors[key] ??=
      key === 'settings' ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
  }
  return errors;
}

/** A sharper sentence than the preset's for a URL or host field (control characters, IDN…). */
function sharperFieldMessage(draft: WizardDraft, key: string): string | undefined {
  const field = presetOf(draft).fields.find((f) => f.key === key);
  const value = (draft.fields[key] ?? '').trim();
  if (field === undefined || value === '') return undefined;
  if (field.kind === 'url') return httpUrlProblem(value, field.label);
  if (field.kind === 'host' && /[^\0-\x7f]/.test(value)) {
    return `${field.label} has non-ASCII characters: enter the ASCII form of the host name, e.g. xn--bcher-kva.example for bücher.example.`;
  }
  return singleLineProblem(value, field.label, 2_048);
}

/** Problems on the connection details step, keyed by field. */
export function detailsErrors(draft: WizardDraft): FieldErrors {
  const errors: FieldErrors = {};
  const preset = presetOf(draft);
  if (draft.name.trim() === '') errors.name = 'Give the connection a name.';
  const preview = tokenUrlPreview(draft);
  const overridden = draft.tokenUrlOverride.trim() !== '';
  if (preview.kind === 'error') {
    // "tokenUrl" names the override when one is typed, else the generic preset's own field.
    for (const [key, message] of Object.entries(preview.fieldErrors)) {
      const target = key === 'tokenUrl' && overridden ? 'tokenUrlOverride' : `field:${key}`;
      errors[target] =
        target === 'tokenUrlOverride'
          ? (httpUrlProblem(draft.tokenUrlOverride, 'The token URL') ?? message)
          : (sharperFieldMessage(draft, key) ?? message);
    }
    if (Object.keys(preview.fieldErrors).length === 0) errors.tokenUrlOverride = preview.message;
  }
  const params = parseParams(draft.extraParams);
  if (params.error !== undefined) errors.extraParams = params.error;
  const headers = parseHeaders(draft.extraHeaders);
  if (headers.error !== undefined) errors.extraHeaders = headers.error;
  if (draft.timeoutSec.trim() !== '') {
    const seconds = Number(draft.timeoutSec);
    const max = preset.maxTimeoutMs / 1000;
    if (!Number.isFinite(seconds) || seconds < 1 || seconds > max) {
      errors.timeoutSec = `Enter a number of seconds from 1 to ${max}.`;
    }
  }
  const pointer = draft.tokenPointer.trim();
  if (pointer !== '' && !pointer.startsWith('/')) {
    errors.tokenPointer = 'A JSON pointer starts with "/", e.g. /access_token or /response.';
  }
  if (draft.caPem.trim() !== '' && !draft.caPem.includes('-----BEGIN CERTIFICATE-----')) {
    errors.caPem = 'Paste the CA certificate in PEM form (-----BEGIN CERTIFICATE----- …).';
  }
  if (draft.pinnedSha256.trim() !== '' && normalizeSha256Fingerprint(draft.pinnedSha256) === null) {
    errors.pinnedSha256 = 'A SHA-256 fingerprint is 64 hex digits (colons optional).';
  }
  if (draft.grant === 'token_exchange' && draft.subjectConnectionId === '') {
    errors.subjectConnectionId = 'Pick the connection whose token is exchanged.';
  }
  if (usesKeyFile(draft) && draft.scope.trim() === '') {
    errors.scope = 'Pick at least one scope: Google refuses an assertion without one.';
  }
  for (const [key, message] of Object.entries(contractErrors(draft))) {
    if (!credentialFields.has(key)) errors[key] ??= message;
  }
  return errors;
}

/** A secret or key file longer than main stores. */
function tooLong(value: string, what: string): string | undefined {
  return value.length > MAX_SECRET_CHARS
    ? `${what} is ${describeLength(value.length)} long; at most ${describeLength(MAX_SECRET_CHARS)} is stored. Check that you pasted or chose the right thing.`
    : undefined;
}

/** Problems on the credentials step, keyed by field. */
export function credentialsErrors(draft: WizardDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (usesKeyFile(draft)) {
    // The key file is the whole credential: client ID and token URL come from it.
    if (draft.keyFile === null && !draft.stored.privateKey) {
      errors.keyFile = 'Drop the service account’s JSON key file (or choose it).';
    }
    return errors;
  }
  if (draft.clientId.trim() === '') errors.clientId = 'Enter the client ID.';
  if (missingSecret(draft)) errors.clientSecret = 'Enter the client secret.';
  if (
    (draft.authMethod === 'private_key_jwt' || draft.grant === 'jwt_bearer') &&
    draft.privateKey === '' &&
    !draft.stored.privateKey
  ) {
    errors.privateKey = 'Choose the private key file (PEM or JWK).';
  }
  if (draft.authMethod === 'tls_client_auth') {
    if (draft.clientCert === '' && !draft.stored.clientCert) {
      errors.clientCert = 'Choose the client certificate file (PEM).';
    }
    if (draft.clientKey === '' && !draft.stored.clientKey) {
      errors.clientKey = 'Choose the client key file (PEM).';
    }
  }
  // Only what secretsOf sends: a secret typed before switching methods is not stored.
  const method = draft.authMethod;
  const long: FieldErrors = {
    clientSecret: usesSecret(method) ? tooLong(draft.clientSecret, 'The client secret') : undefined,
    privateKey:
      method === 'private_key_jwt' ? tooLong(draft.privateKey, 'The private key file') : undefined,
    clientCert:
      method === 'tls_client_auth' ? tooLong(draft.clientCert, 'The certificate file') : undefined,
    clientKey: method === 'tls_client_auth' ? tooLong(draft.clientKey, 'The key file') : undefined,
  };
  for (const [key, message] of Object.entries(long)) {
    if (message !== undefined) errors[key] ??= message;
  }
  for (const [key, message] of Object.entries(contractErrors(draft))) {
    if (credentialFields.has(key)) errors[key] ??= message;
  }
  return errors;
}
