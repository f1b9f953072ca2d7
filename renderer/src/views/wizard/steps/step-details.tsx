import type { ReactElement } from 'react';
import { useStore } from '../../../store/store.js';
import { presetOf, tokenUrlPreview, usesKeyFile, type WizardDraft } from '../model/draft.js';
import { detailsErrors } from '../model/validate.js';
import { AdvancedOptions } from '../parts/advanced-options.js';
import { TextField } from '../parts/fields.js';
import {
  DpopToggle,
  GoogleScopes,
  GrantPicker,
  offersGrants,
  TokenExchangeFields,
} from '../parts/grant-settings.js';
import { useDraft, useShownErrors } from '../parts/use-draft.js';
import { ImportSummary } from './step-curl.js';

function TokenUrlLine({ draft }: { draft: WizardDraft }): ReactElement {
  const preview = tokenUrlPreview(draft);
  return (
    <div className="token-url">
      <span className="token-url-label">
        {preview.kind === 'discovery' ? 'Discovery document' : 'Token URL'}
      </span>
      {preview.kind === 'error' ? (
        <output className="token-url-value token-url-missing" aria-label="Resulting token URL">
          {Object.values(preview.fieldErrors)[0] ?? preview.message}
        </output>
      ) : (
        <output className="token-url-value mono" aria-label="Resulting token URL">
          {preview.kind === 'url' ? preview.url : preview.discoveryUrl}
        </output>
      )}
      {draft.tokenUrlOverride.trim() !== '' && (
        <span className="field-help">The token URL override in Advanced options is used.</span>
      )}
    </div>
  );
}

function DiscoveryPanel({ draft }: { draft: WizardDraft }): ReactElement {
  const discovery = useStore((s) => s.wizard?.discovery);
  const discover = useStore((s) => s.runDiscovery);
  const issuer = draft.fields.issuer?.trim() ?? '';
  const running = discovery?.status === 'running';
  const result = discovery?.result ?? null;
  const methods = result?.tokenEndpointAuthMethods ?? null;
  return (
    <div className="discovery">
      <div className="wz-button-row">
        <button
          type="button"
          className="conn-button"
          disabled={issuer === '' || running}
          onClick={() => void discover()}
        >
          {running ? 'Discovering…' : 'Discover'}
        </button>
        <span className="field-help">
          Reads the issuer’s /.well-known/openid-configuration to find its endpoints.
        </span>
      </div>
      {discovery?.error != null && (
        <div className="conn-callout conn-callout-error" role="alert">
          <strong>{discovery.error.message}</strong> {discovery.error.hint}
        </div>
      )}
      {result !== null && (
        <div className="discovered" role="status">
          <TextField label="Token endpoint" value={result.tokenEndpoint} readOnly mono />
          <TextField label="JWKS URI" value={result.jwksUri ?? '(none published)'} readOnly mono />
          {methods !== null && (
            <p className="field-help">
              Client authentication the provider accepts: {methods.join(', ')}.
              {!methods.includes(draft.authMethod) &&
                ` The connection uses ${draft.authMethod}; change it under Advanced options.`}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/** Step 3: the preset's fields, the live token URL, discovery, and advanced options. */
export function StepDetails(): ReactElement | null {
  const { draft, update } = useDraft();
  const imported = useStore((s) => s.wizard?.imported ?? null);
  const errors = useShownErrors('details', draft === null ? {} : detailsErrors(draft));
  if (draft === null) return null;
  const preset = presetOf(draft);
  const discovery = preset.tokenEndpoint.kind === 'discovery';
  if (usesKeyFile(draft)) {
    return (
      <>
        <p className="step-intro">
          What the token is for. The service account and its token URL come from the key file on the
          next step.
        </p>
        <div className="field-grid">
          <TextField
            label="Connection name"
            value={draft.name}
            error={errors.name}
            help="How this connection is listed in Grantline."
            onChange={(name) => update({ name })}
          />
        </div>
        <GoogleScopes draft={draft} errors={errors} update={update} />
        {draft.keyFile !== null && <TokenUrlLine draft={draft} />}
      </>
    );
  }
  const grants = offersGrants(draft);
  return (
    <>
      {imported !== null && (
        <div className="imported-banner">
          <ImportSummary found={imported} compact />
        </div>
      )}
      <p className="step-intro">
        Where {preset.name} issues tokens. Only what this platform needs is asked; everything else
        has a sensible default under Advanced options.
      </p>
      <div className="field-grid">
        <TextField
          label="Connection name"
          value={draft.name}
          error={errors.name}
          help="How this connection is listed in Grantline."
          onChange={(name) => update({ name })}
        />
        {grants && <GrantPicker draft={draft} update={update} />}
        {preset.fields.map((field) => (
          <TextField
            key={field.key}
            label={field.label}
            value={draft.fields[field.key] ?? ''}
            placeholder={field.placeholder}
            help={field.help}
            error={errors[`field:${field.key}`]}
            mono={field.kind !== 'text'}
            className={field.kind === 'url' ? 'wz-field-span2' : undefined}
            inputMode={field.kind === 'port' ? 'numeric' : field.kind === 'url' ? 'url' : undefined}
            onChange={(value) => update({ fields: { ...draft.fields, [field.key]: value } })}
          />
        ))}
      </div>
      <TokenUrlLine draft={draft} />
      {errors.settings !== undefined && (
        <div className="conn-callout conn-callout-error" role="alert">
          <strong>These settings cannot be saved:</strong> {errors.settings}
        </div>
      )}
      {discovery && <DiscoveryPanel draft={draft} />}
      {grants && draft.grant === 'token_exchange' && (
        <TokenExchangeFields draft={draft} errors={errors} update={update} />
      )}
      {grants && <DpopToggle draft={draft} update={update} />}
      <AdvancedOptions draft={draft} errors={errors} update={update} />
    </>
  );
}
