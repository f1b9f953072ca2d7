import {
  formatSha256Fingerprint,
  normalizeSha256Fingerprint,
  type AuthMethod,
} from '#shared/connection.js';
import type { IpcError } from '#shared/errors.js';
import type { CertificateInfoView, ConnectionTestReportView } from '#shared/ipc/contract.js';
import { authMethodLabel } from './auth-methods.js';
import { presetOf, type WizardDraft } from './draft.js';

/** A fix the wizard can apply in one click, with the words that offer it. */
export type Suggestion = { title: string; detail: string; action: string } & (
  | { kind: 'switch-method'; method: AuthMethod }
  | { kind: 'trust-certificate'; fingerprint: string; certificate: CertificateInfoView }
  | { kind: 'raise-timeout'; seconds: number }
  | { kind: 'token-pointer'; pointer: string }
  | { kind: 'go-to'; step: 'details' | 'credentials' }
);

const tokenFieldGuesses = ['response', 'token', 'accessToken', 'access-token', 'jwt', 'data'];

function certificateOf(error: IpcError): CertificateInfoView | undefined {
  const cert = error.details?.certificate;
  if (typeof cert !== 'object' || cert === null) return undefined;
  const c = cert as Partial<CertificateInfoView>;
  return typeof c.fingerprint256 === 'string' && typeof c.subject === 'string'
    ? (cert as CertificateInfoView)
    : undefined;
}

function trustSuggestion(error: IpcError): Suggestion | undefined {
  const cert = certificateOf(error);
  if (cert === undefined) return undefined;
  const fp = formatSha256Fingerprint(cert.fingerprint256);
  const reason = error.details?.reason;
  if (reason === 'CERT_HAS_EXPIRED' || reason === 'CERT_NOT_YET_VALID') return undefined;
  const title =
    reason === 'PIN_MISMATCH'
      ? `The server now shows another certificate (fingerprint ${fp}). Trust this one instead?`
      : cert.selfSigned
        ? `Self-signed certificate with fingerprint ${fp}: trust this certificate?`
        : `Certificate not trusted (fingerprint ${fp}): trust exactly this certificate?`;
  return {
    kind: 'trust-certificate',
    fingerprint: normalizeSha256Fingerprint(cert.fingerprint256) ?? cert.fingerprint256,
    certificate: cert,
    title,
    detail:
      'Compare the fingerprint with the one the server’s administrator gives you (or with openssl s_client). Pinning trusts this one certificate only; certificate checks stay on for everything else.',
    action: 'Trust this certificate and test again',
  };
}

function timeoutSuggestion(draft: WizardDraft): Suggestion | undefined {
  const preset = presetOf(draft);
  const current =
    draft.timeoutSec.trim() === '' ? preset.defaults.timeoutMs / 1000 : Number(draft.timeoutSec);
  const max = preset.maxTimeoutMs / 1000;
  if (!Number.isFinite(current) || current >= max) return undefined;
  const seconds = Math.min(max, Math.max(60, current * 2));
  return {
    kind: 'raise-timeout',
    seconds,
    title: `No answer within ${current} s.`,
    detail: 'A slow or overloaded server may answer given more time; an unreachable one will not.',
    action: `Allow ${seconds} s and test again`,
  };
}

function pointerSuggestion(error: IpcError): Suggestion | undefined {
  const fields = error.details?.fields;
  if (!Array.isArray(fields)) return undefined;
  const found = tokenFieldGuesses.find((name) => fields.includes(name));
  if (found === undefined) return undefined;
  return {
    kind: 'token-pointer',
    pointer: `/${found}`,
    title: `The answer has no access_token, but it has a "${found}" field.`,
    detail: 'Some providers put the token under another name.',
    action: `Read the token from /${found} and test again`,
  };
}

/** The fixes worth offering for a failed test (empty when it worked as configured). */
export function suggestionsFor(report: ConnectionTestReportView, draft: WizardDraft): Suggestion[] {
  if (report.ok) return [];
  const out: Suggestion[] = [];
  if (report.workingMethod !== null && report.workingMethod !== report.configuredMethod) {
    out.push({
      kind: 'switch-method',
      method: report.workingMethod,
      title: `The server rejected ${authMethodLabel(report.configuredMethod)}; ${authMethodLabel(report.workingMethod)} works — switch?`,
      detail: `Grantline tried the other ways of sending the secret that the platform accepts: ${authMethodLabel(report.workingMethod)} (${report.workingMethod}) got a token.`,
      action: `Switch to ${authMethodLabel(report.workingMethod)}`,
    });
    return out;
  }
  const error = report.error;
  if (error === null) return out;
  return suggestionsForError(error, draft);
}

/** Fixes for an error, whether it came in a test report or as the call's own failure. */
export function suggestionsForError(error: IpcError, draft: WizardDraft): Suggestion[] {
  const out: Suggestion[] = [];
  const add = (s: Suggestion | undefined): void => {
    if (s !== undefined) out.push(s);
  };
  switch (error.category) {
    case 'tls':
      add(trustSuggestion(error));
      break;
    case 'timeout':
      add(timeoutSuggestion(draft));
      break;
    case 'malformed_response':
      add(pointerSuggestion(error));
      break;
    case 'invalid_client':
    case 'unauthorized_client':
      out.push({
        kind: 'go-to',
        step: 'credentials',
        title: 'Check the client ID and secret.',
        detail:
          'Retype or paste them again; a stray space or a secret from another environment is the usual cause.',
        action: 'Edit credentials',
      });
      break;
    case 'network':
    case 'dns':
    case 'redirect':
    case 'insecure_url':
    case 'http':
      out.push({
        kind: 'go-to',
        step: 'details',
        title: 'Check where the request goes.',
        detail: 'The host, port and path decide the token URL shown on the details step.',
        action: 'Edit connection details',
      });
      break;
    case 'validation':
      out.push(
        /secret|private key|certificate and its key/i.test(error.message)
          ? {
              kind: 'go-to',
              step: 'credentials',
              title: 'Something is missing in the credentials.',
              detail: error.hint ?? '',
              action: 'Edit credentials',
            }
          : {
              kind: 'go-to',
              step: 'details',
              title: 'Some settings need fixing.',
              detail: error.hint ?? '',
              action: 'Edit connection details',
            },
      );
      break;
    default:
      break;
  }
  return out;
}

/** The draft after applying a suggestion (steps are handled by the caller). */
export function applySuggestion(draft: WizardDraft, suggestion: Suggestion): WizardDraft {
  switch (suggestion.kind) {
    case 'switch-method':
      return { ...draft, authMethod: suggestion.method };
    case 'trust-certificate':
      return { ...draft, pinnedSha256: formatSha256Fingerprint(suggestion.fingerprint) };
    case 'raise-timeout':
      return { ...draft, timeoutSec: String(suggestion.seconds) };
    case 'token-pointer':
      return { ...draft, tokenPointer: suggestion.pointer };
    case 'go-to':
      return draft;
  }
}
