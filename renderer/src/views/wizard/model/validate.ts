import { normalizeSha256Fingerprint } from '../../../../../shared/connection.js';
import { usesSecret } from './auth-methods.js';
import { presetOf, tokenUrlPreview, type FieldErrors, type WizardDraft } from './draft.js';
import { parseHeaders, parseParams } from './key-values.js';

/** What the details and credentials steps check before the wizard moves on. */

/** True when the method needs a secret and none is typed or stored. */
function missingSecret(draft: WizardDraft): boolean {
  return usesSecret(draft.authMethod) && draft.clientSecret === '' && !draft.stored.clientSecret;
}

/** Problems on the connection details step, keyed by field. */
export function detailsErrors(draft: WizardDraft): FieldErrors {
  const errors: FieldErrors = {};
  const preset = presetOf(draft);
  if (draft.name.trim() === '') errors.name = 'Give the connection a name.';
  const preview = tokenUrlPreview(draft);
  if (preview.kind === 'error') {
    // "tokenUrl" names the override when one is typed, else the generic preset's own field.
    const overridden = draft.tokenUrlOverride.trim() !== '';
    for (const [key, message] of Object.entries(preview.fieldErrors)) {
      errors[key === 'tokenUrl' && overridden ? 'tokenUrlOverride' : `field:${key}`] = message;
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
  return errors;
}

/** Problems on the credentials step, keyed by field. */
export function credentialsErrors(draft: WizardDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (draft.clientId.trim() === '') errors.clientId = 'Enter the client ID.';
  if (missingSecret(draft)) errors.clientSecret = 'Enter the client secret.';
  if (
    draft.authMethod === 'private_key_jwt' &&
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
  return errors;
}
