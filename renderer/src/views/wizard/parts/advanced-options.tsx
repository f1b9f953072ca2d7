import { useState, type ReactElement } from 'react';
import type { AuthMethod, BodyEncoding } from '#shared/connection.js';
import { formatHeaders } from '../model/key-values.js';
import { allAuthMethods, authMethodExplanation, authMethodLabel } from '../model/auth-methods.js';
import { presetOf, type FieldErrors, type WizardDraft } from '../model/draft.js';
import { FileField, SelectField, TextAreaField, TextField } from './fields.js';

const advancedKeys = [
  'extraParams',
  'extraHeaders',
  'timeoutSec',
  'tokenPointer',
  'tokenUrlOverride',
  'caPem',
  'pinnedSha256',
  'grantType',
] as const;

/** True when anything under Advanced options differs from the preset, so it opens by itself. */
function hasAdvancedValues(draft: WizardDraft): boolean {
  const preset = presetOf(draft);
  return (
    advancedKeys.some((k) => draft[k].trim() !== '') ||
    draft.authMethod !== preset.defaults.authMethod ||
    draft.bodyEncoding !== preset.defaults.bodyEncoding ||
    draft.scope !== (preset.defaults.scope ?? '') ||
    draft.audience !== (preset.defaults.audience ?? '') ||
    draft.allowHttp
  );
}

/** Settings most connections never touch, folded away: auth method, request shape, TLS trust. */
export function AdvancedOptions({
  draft,
  errors,
  update,
}: {
  draft: WizardDraft;
  errors: FieldErrors;
  update: (patch: Partial<WizardDraft>) => void;
}): ReactElement {
  const preset = presetOf(draft);
  const d = preset.defaults;
  const hasErrors = [...advancedKeys, 'scope', 'audience'].some((k) => errors[k] !== undefined);
  const [open, setOpen] = useState(() => hasAdvancedValues(draft));
  const methods: { value: AuthMethod; label: string; group: string }[] = [
    ...preset.authMethods.map((m) => ({
      value: m,
      label: m === d.authMethod ? `${authMethodLabel(m)} — preset default` : authMethodLabel(m),
      group: `Accepted by ${preset.name}`,
    })),
    ...[...allAuthMethods, ...(draft.grant === 'jwt_bearer' ? (['none'] as const) : [])]
      .filter((m) => !preset.authMethods.includes(m))
      .map((m) => ({ value: m, label: authMethodLabel(m), group: 'Other methods' })),
  ];
  const presetHeaders = formatHeaders(d.extraHeaders);
  return (
    <details
      className="advanced"
      open={open || hasErrors}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary>Advanced options</summary>
      <div className="advanced-body">
        <h3 className="advanced-heading">Token request</h3>
        {preset.authMethods.length > 1 && (
          <details className="conn-details method-differences">
            <summary>How the ways {preset.name} accepts differ</summary>
            <dl className="conn-facts">
              {preset.authMethods.map((m) => (
                <div key={m}>
                  <dt>{authMethodLabel(m)}</dt>
                  <dd>
                    {authMethodExplanation(m)} <code>{m}</code>
                  </dd>
                </div>
              ))}
            </dl>
          </details>
        )}
        <div className="field-grid">
          <SelectField
            label="Client authentication"
            value={draft.authMethod}
            options={methods}
            help={
              <>
                {authMethodExplanation(draft.authMethod)}{' '}
                <span className="method-id">Identifier: {draft.authMethod}.</span>
              </>
            }
            onChange={(authMethod) => update({ authMethod })}
          />
          <TextField
            label="Grant type"
            value={draft.grantType}
            error={errors.grantType}
            placeholder={d.grantType}
            help={`Blank sends ${d.grantType}.`}
            mono
            onChange={(grantType) => update({ grantType })}
          />
          <TextField
            label="Scope"
            value={draft.scope}
            error={errors.scope}
            help="Space-separated; blank asks for the client’s default scopes."
            mono
            onChange={(scope) => update({ scope })}
          />
          <TextField
            label="Audience"
            value={draft.audience}
            error={errors.audience}
            help="Sent as the audience parameter when set (Auth0 and others need it)."
            mono
            onChange={(audience) => update({ audience })}
          />
          <SelectField<BodyEncoding>
            label="Body encoding"
            value={draft.bodyEncoding}
            options={[
              { value: 'form', label: 'Form (application/x-www-form-urlencoded)' },
              { value: 'json', label: 'JSON (application/json)' },
            ]}
            onChange={(bodyEncoding) => update({ bodyEncoding })}
          />
          <TextField
            label="Timeout (seconds)"
            value={draft.timeoutSec}
            placeholder={String(d.timeoutMs / 1000)}
            inputMode="numeric"
            error={errors.timeoutSec}
            help={`Blank waits ${d.timeoutMs / 1000} s; at most ${preset.maxTimeoutMs / 1000} s.`}
            onChange={(timeoutSec) => update({ timeoutSec })}
          />
        </div>
        <TextAreaField
          label="Extra parameters"
          value={draft.extraParams}
          error={errors.extraParams}
          placeholder="resource=https://api.example.com"
          help="Added to the request body, one name=value per line."
          onChange={(extraParams) => update({ extraParams })}
        />
        <TextAreaField
          label="Extra headers"
          value={draft.extraHeaders}
          error={errors.extraHeaders}
          placeholder="X-Tenant: acme"
          help={
            presetHeaders === ''
              ? 'One Name: value per line.'
              : `One Name: value per line. ${preset.name} already sends ${presetHeaders.replace(/\n/g, ', ')}.`
          }
          onChange={(extraHeaders) => update({ extraHeaders })}
        />
        <div className="field-grid">
          <TextField
            label="Token field (JSON pointer)"
            value={draft.tokenPointer}
            placeholder={d.responseMapping?.accessToken ?? '/access_token'}
            error={errors.tokenPointer}
            help="Where the answer keeps the token, if not in access_token."
            mono
            onChange={(tokenPointer) => update({ tokenPointer })}
          />
          <TextField
            label="Token URL override"
            type="url"
            value={draft.tokenUrlOverride}
            error={errors.tokenUrlOverride}
            help="Replaces the URL built from the fields above."
            mono
            onChange={(tokenUrlOverride) => update({ tokenUrlOverride })}
          />
        </div>
        <label className="wz-check">
          <input
            type="checkbox"
            checked={draft.allowHttp}
            onChange={(e) => update({ allowHttp: e.target.checked })}
          />
          <span>
            Allow plain http to a non-local server (the secret would travel unencrypted; local
            addresses such as 127.0.0.1 are always allowed)
          </span>
        </label>
        <h3 className="advanced-heading">Server certificate</h3>
        <TextAreaField
          label="Custom CA (PEM)"
          value={draft.caPem}
          error={errors.caPem}
          rows={4}
          placeholder="-----BEGIN CERTIFICATE-----"
          help="Trust servers whose certificate this CA issued (a company or test CA), instead of the system’s CAs."
          onChange={(caPem) => update({ caPem })}
        />
        <FileField
          label="Load the CA from a file"
          fileName=""
          accept=".pem,.crt,.cer"
          onLoad={(caPem) => update({ caPem })}
        />
        <TextField
          label="Pinned certificate (SHA-256 fingerprint)"
          value={draft.pinnedSha256}
          error={errors.pinnedSha256}
          placeholder="AB:CD:…"
          help="Trust exactly the server certificate with this fingerprint, e.g. a self-signed one."
          mono
          className="wz-field-wide"
          onChange={(pinnedSha256) => update({ pinnedSha256 })}
        />
      </div>
    </details>
  );
}
