import { hostOf, parseCurl, toTokenRequestDraft } from '#shared/curl/index.js';
import { authMethodName } from './auth-methods.js';
import { initialDraft, type WizardDraft } from './draft.js';
import { headerFields, recognizePreset, type Recognition } from './recognize.js';

/** One value the import understood, for the summary ("Token URL: https://…"). */
export interface ImportedValue {
  label: string;
  value: string;
}

/** What "Paste a curl command" found, ready to show before the user accepts it. */
export interface CurlImport {
  draft: WizardDraft;
  recognition: Pick<Recognition, 'how'> & { presetName: string; host: string | undefined };
  understood: ImportedValue[];
  /** Options and values that were not imported, and why: nothing is dropped silently. */
  notUnderstood: string[];
  /** What was imported but adjusted on the way (a newline removed, a method chosen…). */
  changed: string[];
  /** How the command was read (continuations joined, options recognised…). */
  notes: string[];
  /** The command switched certificate checks off (-k); the wizard asks about trust instead. */
  insecureRequested: boolean;
}

export type CurlImportResult =
  { ok: true; value: CurlImport } | { ok: false; message: string; hint: string };

/**
 * Read a pasted curl command into a wizard draft: platform from the URL, token URL fields, auth
 * method, client ID and secret, grant type, scope, audience, extra parameters and headers.
 */
export function importCurl(text: string, takenNames: readonly string[] = []): CurlImportResult {
  const parsed = parseCurl(text);
  if (!parsed.ok) return { ok: false, ...parsed.error };
  const { request } = parsed;
  const token = toTokenRequestDraft(request);
  const recognition = recognizePreset(token.tokenUrl, token.extraHeaders, token.authMethod);
  const { preset } = recognition;
  const draft = initialDraft(preset, takenNames);
  draft.fields = { ...draft.fields, ...recognition.fields };
  if (recognition.override !== undefined) draft.tokenUrlOverride = recognition.override;

  // A header the preset builds from a field (WSO2's Host) fills that field instead.
  const viaField = headerFields(preset);
  const headers = token.extraHeaders.filter((h) => {
    const mapped = viaField.find((v) => v.header.toLowerCase() === h.name.toLowerCase());
    if (mapped === undefined) return true;
    draft.fields[mapped.field] = h.value;
    return false;
  });
  draft.extraHeaders = headers.map((h) => `${h.name}: ${h.value}`).join('\n');
  // The form edits parameters one per line: a line break inside a value would split it in two.
  const lineBroken = token.extraParams.filter((p) => /[\r\n]/.test(p.name + p.value));
  const params = token.extraParams.filter((p) => !lineBroken.includes(p));
  draft.extraParams = params.map((p) => `${p.name}=${p.value}`).join('\n');
  if (token.authMethod !== undefined) draft.authMethod = token.authMethod;
  if (token.clientId !== undefined) draft.clientId = token.clientId;
  if (token.clientSecret !== undefined) {
    draft.clientSecret = token.clientSecret;
    // A space inside it was written into the command on purpose (quoted, escaped or encoded):
    // not a sign of a secret wrapped when copied.
    draft.secretQuoted = true;
  }
  if (token.grantType !== undefined && token.grantType !== preset.defaults.grantType) {
    draft.grantType = token.grantType;
  }
  if (token.scope !== undefined) draft.scope = token.scope;
  if (token.audience !== undefined) draft.audience = token.audience;
  draft.bodyEncoding = token.bodyEncoding;
  if (token.timeoutSeconds !== undefined) draft.timeoutSec = String(token.timeoutSeconds);
  draft.trustQuestion = token.insecureRequested;

  const understood: ImportedValue[] = [
    { label: 'Platform', value: preset.name },
    { label: 'Token URL', value: token.tokenUrl },
  ];
  if (token.authMethod !== undefined) {
    understood.push({ label: 'Client authentication', value: authMethodName(token.authMethod) });
  }
  if (token.clientId !== undefined) understood.push({ label: 'Client ID', value: token.clientId });
  if (token.clientSecret !== undefined) {
    // Never shown back, not even here: the user pasted it and knows it.
    understood.push({ label: 'Client secret', value: 'found (hidden)' });
  }
  if (token.grantType !== undefined)
    understood.push({ label: 'Grant type', value: token.grantType });
  if (token.scope !== undefined) understood.push({ label: 'Scope', value: token.scope });
  if (token.audience !== undefined) understood.push({ label: 'Audience', value: token.audience });
  for (const p of params) {
    understood.push({ label: 'Extra parameter', value: `${p.name}=${p.value}` });
  }
  for (const h of token.extraHeaders) {
    understood.push({ label: 'Header', value: `${h.name}: ${h.value}` });
  }
  if (token.bodyEncoding === 'json') understood.push({ label: 'Body', value: 'JSON' });
  if (token.timeoutSeconds !== undefined) {
    understood.push({ label: 'Timeout', value: `${token.timeoutSeconds} s` });
  }

  const notUnderstood = [
    ...parsed.unsupported.map((u) => `${u.option}: ${u.reason}`),
    // -k is not dropped: it becomes the trust question, explained on its own.
    ...token.warnings.filter((w) => !/\(-k\)/.test(w)),
    ...lineBroken.map(
      (p) =>
        `Parameter ${p.name.slice(0, 40)}: its value contains a line break, which the form cannot hold; add it under Advanced options if it is needed.`,
    ),
  ];
  if (request.caCert !== undefined) {
    notUnderstood.push(
      `--cacert ${request.caCert}: files are not read. Paste that CA certificate under Advanced options → Custom CA.`,
    );
  }
  if (request.clientCert !== undefined) {
    notUnderstood.push(
      'Client certificate files are not read: choose "Client certificate (mutual TLS)" and pick the files in the credentials step.',
    );
  }
  return {
    ok: true,
    value: {
      draft,
      recognition: {
        how: recognition.how,
        presetName: preset.name,
        host: hostOf(token.tokenUrl),
      },
      understood,
      notUnderstood,
      changed: token.changes,
      notes: parsed.notes,
      insecureRequested: token.insecureRequested,
    },
  };
}
