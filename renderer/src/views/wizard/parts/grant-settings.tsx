import type { ReactElement } from 'react';
import { ACCESS_TOKEN_TYPE } from '#shared/connection.js';
import { googleCommonScopes } from '#shared/presets/google.js';
import { useStore } from '../../../store/store.js';
import {
  jwsAlgorithms,
  presetOf,
  type FieldErrors,
  type GrantKind,
  type WizardDraft,
} from '../model/draft.js';
import { FileField, SelectField, TextField } from './fields.js';

type Update = (patch: Partial<WizardDraft>) => void;

/** Presets whose servers may offer grants besides client credentials, and DPoP. */
const GRANT_PRESETS: ReadonlySet<string> = new Set(['generic-oauth2', 'generic-oidc', 'keycloak']);

/** True when the draft's preset lets the user pick the grant and DPoP. */
export function offersGrants(draft: Pick<WizardDraft, 'presetId'>): boolean {
  return GRANT_PRESETS.has(draft.presetId);
}

const TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:';
const tokenTypes = [
  { value: `${TOKEN_TYPE}access_token`, label: 'Access token' },
  { value: `${TOKEN_TYPE}id_token`, label: 'ID token' },
  { value: `${TOKEN_TYPE}jwt`, label: 'JWT' },
  { value: `${TOKEN_TYPE}refresh_token`, label: 'Refresh token' },
  { value: `${TOKEN_TYPE}saml2`, label: 'SAML 2.0 assertion' },
];

const grantOptions: { value: GrantKind; label: string }[] = [
  { value: 'client_credentials', label: 'Client credentials (client ID and secret or key)' },
  { value: 'jwt_bearer', label: 'JWT bearer assertion (signed with a private key)' },
  { value: 'token_exchange', label: 'Token exchange (another connection’s token)' },
];

const grantHelp: Record<GrantKind, string> = {
  client_credentials:
    'The usual service-account grant: the client proves who it is and gets a token.',
  jwt_bearer:
    'RFC 7523 §2.1: Grantline signs a short-lived assertion (issuer, subject, audience) with your private key and sends it as the grant.',
  token_exchange:
    'RFC 8693: the token of another saved connection is exchanged for one meant for another audience; that connection’s token is renewed first when needed.',
};

/** "How does this connection get its token?" for presets that offer more than one grant. */
export function GrantPicker({
  draft,
  update,
}: {
  draft: WizardDraft;
  update: Update;
}): ReactElement {
  const preset = presetOf(draft);
  return (
    <SelectField<GrantKind>
      label="Grant"
      value={draft.grant}
      options={grantOptions}
      help={grantHelp[draft.grant]}
      onChange={(grant) =>
        update({
          grant,
          // The assertion is the credential; switching back restores the preset's method.
          authMethod:
            grant === 'jwt_bearer'
              ? 'none'
              : draft.authMethod === 'none'
                ? preset.defaults.authMethod
                : draft.authMethod,
        })
      }
    />
  );
}

/** DPoP: tokens bound to a key pair main makes for the connection. */
export function DpopToggle({
  draft,
  update,
}: {
  draft: WizardDraft;
  update: Update;
}): ReactElement {
  return (
    <label className="wz-check">
      <input
        type="checkbox"
        checked={draft.dpop}
        onChange={(e) => update({ dpop: e.target.checked })}
      />
      <span>
        Bind tokens to a key pair (DPoP, RFC 9449). Grantline makes the key pair and keeps its
        private key in the secret store; every token request and API call carries a fresh proof.
      </span>
    </label>
  );
}

/** Token exchange: which connection's token, and what to ask for. */
export function TokenExchangeFields({
  draft,
  errors,
  update,
}: {
  draft: WizardDraft;
  errors: FieldErrors;
  update: Update;
}): ReactElement {
  const saved = useStore((s) => s.savedConnections ?? []);
  const sources = saved.filter((v) => v.connection.id !== draft.editId);
  const options = [
    { value: '', label: sources.length === 0 ? 'No saved connection yet' : 'Choose a connection…' },
    ...sources.map((v) => ({ value: v.connection.id, label: v.connection.name })),
  ];
  return (
    <fieldset className="wz-fieldset">
      <legend>Token exchange</legend>
      <div className="field-grid">
        <SelectField
          label="Subject token from"
          value={draft.subjectConnectionId}
          options={options}
          error={errors.subjectConnectionId}
          help={
            sources.length === 0
              ? 'Save the connection whose token is exchanged first, then come back.'
              : 'Its current token is the subject token; it is renewed first when needed.'
          }
          onChange={(subjectConnectionId) => update({ subjectConnectionId })}
        />
        <SelectField
          label="Subject token type"
          value={draft.subjectTokenType || ACCESS_TOKEN_TYPE}
          options={tokenTypes}
          error={errors.subjectTokenType}
          onChange={(subjectTokenType) => update({ subjectTokenType })}
        />
        <SelectField
          label="Requested token type"
          value={draft.requestedTokenType}
          options={[{ value: '', label: 'Server’s choice' }, ...tokenTypes]}
          error={errors.requestedTokenType}
          onChange={(requestedTokenType) => update({ requestedTokenType })}
        />
        <TextField
          label="Audience"
          value={draft.audience}
          error={errors.audience}
          help="The service the new token is for (audience parameter)."
          mono
          onChange={(audience) => update({ audience })}
        />
        <TextField
          label="Resource"
          value={draft.resource}
          error={errors.resource}
          help="Optional: the resource URI the new token is for."
          mono
          onChange={(resource) => update({ resource })}
        />
        <TextField
          label="Scope"
          value={draft.scope}
          error={errors.scope}
          help="Optional; space-separated."
          mono
          onChange={(scope) => update({ scope })}
        />
      </div>
    </fieldset>
  );
}

/** Google's scopes: the common ones as checkboxes, anything else typed; plus the subject. */
export function GoogleScopes({
  draft,
  errors,
  update,
}: {
  draft: WizardDraft;
  errors: FieldErrors;
  update: Update;
}): ReactElement {
  const chosen = draft.scope.split(/\s+/).filter(Boolean);
  const common = new Set(googleCommonScopes.map((s) => s.scope));
  const typed = chosen.filter((s) => !common.has(s)).join(' ');
  const setScopes = (picked: string[], other: string): void =>
    update({ scope: [...picked, ...other.split(/\s+/).filter(Boolean)].join(' ') });
  const pickedCommon = chosen.filter((s) => common.has(s));
  return (
    <>
      <fieldset className="wz-fieldset" aria-describedby={errors.scope ? 'scope-error' : undefined}>
        <legend>Scopes</legend>
        <div className="scope-list">
          {googleCommonScopes.map(({ scope, label }) => (
            <label key={scope} className="wz-check scope-option">
              <input
                type="checkbox"
                checked={chosen.includes(scope)}
                onChange={(e) =>
                  setScopes(
                    e.target.checked
                      ? [...pickedCommon, scope]
                      : pickedCommon.filter((s) => s !== scope),
                    typed,
                  )
                }
              />
              <span>
                {label}{' '}
                <code className="scope-url">
                  {scope.replace('https://www.googleapis.com/auth/', '')}
                </code>
              </span>
            </label>
          ))}
        </div>
        <TextField
          label="Other scopes"
          value={typed}
          placeholder="https://www.googleapis.com/auth/…"
          help="Space-separated full scope URLs, added to those ticked above."
          mono
          className="wz-field-wide"
          onChange={(other) => setScopes(pickedCommon, other)}
        />
        {errors.scope !== undefined && (
          <span id="scope-error" className="field-error">
            {errors.scope}
          </span>
        )}
      </fieldset>
      <TextField
        label="Subject (domain-wide delegation)"
        value={draft.jwtSubject}
        error={errors.jwtSubject}
        placeholder="user@example.com"
        help="Optional: the Workspace user to act for. Leave empty to act as the service account."
        mono
        onChange={(jwtSubject) => update({ jwtSubject })}
      />
    </>
  );
}

/** The key file drop: its text goes to main at once; only the public facts are shown. */
export function KeyFileDrop({ draft }: { draft: WizardDraft }): ReactElement {
  const readKeyFile = useStore((s) => s.readKeyFile);
  const state = useStore((s) => s.wizard?.keyFile);
  const errors = useStore((s) => (s.wizard?.checked.includes('credentials') ? true : false));
  const facts = draft.keyFile;
  const missing = errors && facts === null && !draft.stored.privateKey;
  return (
    <>
      <FileField
        label="Service-account key file"
        accept=".json,application/json"
        fileName={draft.keyFileName}
        busy={state?.status === 'reading'}
        error={missing ? 'Drop the service account’s JSON key file (or choose it).' : undefined}
        help={
          draft.stored.privateKey && facts !== null && draft.keyFileName === ''
            ? 'A key is stored; drop a new key file only to replace it.'
            : 'The JSON key the Cloud console downloaded. Its private key goes straight to the secret store; the page never keeps it.'
        }
        onLoad={(text, name) => void readKeyFile(text, name)}
      />
      {state?.error != null && (
        <div className="conn-callout conn-callout-error" role="alert">
          <strong>{state.error.message}</strong> {state.error.hint}
        </div>
      )}
      {facts !== null && (
        <dl className="conn-facts key-facts" aria-label="Key file">
          <div>
            <dt>Service account</dt>
            <dd>
              <code>{facts.clientEmail}</code>
            </dd>
          </div>
          <div>
            <dt>Key ID</dt>
            <dd>
              <code>{facts.privateKeyId}</code>
            </dd>
          </div>
          <div>
            <dt>Token URL</dt>
            <dd>
              <code>{facts.tokenUri}</code>
            </dd>
          </div>
          {facts.projectId !== null && (
            <div>
              <dt>Project</dt>
              <dd>
                <code>{facts.projectId}</code>
              </dd>
            </div>
          )}
          <div>
            <dt>Private key</dt>
            <dd>stored in the secret store</dd>
          </div>
        </dl>
      )}
    </>
  );
}

/** The generic JWT bearer assertion: key, algorithm, and the assertion's claims. */
export function JwtBearerFields({
  draft,
  errors,
  update,
}: {
  draft: WizardDraft;
  errors: FieldErrors;
  update: Update;
}): ReactElement {
  return (
    <fieldset className="wz-fieldset">
      <legend>JWT bearer assertion</legend>
      <div className="field-grid">
        <FileField
          label="Private key file"
          accept=".pem,.key,.json,.jwk"
          fileName={draft.privateKeyFile}
          error={errors.privateKey}
          help={
            draft.stored.privateKey && draft.privateKey === ''
              ? 'A key is stored; choose a file only to replace it.'
              : 'PKCS#8 PEM or a private JWK whose public key the provider trusts.'
          }
          onLoad={(privateKey, privateKeyFile) => update({ privateKey, privateKeyFile })}
        />
        <SelectField
          label="Signing algorithm"
          value={draft.jwtAlg}
          options={jwsAlgorithms.map((a) => ({ value: a, label: a }))}
          onChange={(jwtAlg) => update({ jwtAlg })}
        />
        <TextField
          label="Key ID (kid)"
          value={draft.jwtKid}
          error={errors.jwtKid}
          help="Optional; some providers need it to pick the key."
          mono
          onChange={(jwtKid) => update({ jwtKid })}
        />
        <TextField
          label="Issuer (iss)"
          value={draft.jwtIssuer}
          error={errors.jwtIssuer}
          help="Blank: the client ID."
          mono
          onChange={(jwtIssuer) => update({ jwtIssuer })}
        />
        <TextField
          label="Subject (sub)"
          value={draft.jwtSubject}
          error={errors.jwtSubject}
          help="Blank: the issuer."
          mono
          onChange={(jwtSubject) => update({ jwtSubject })}
        />
        <TextField
          label="Audience (aud)"
          value={draft.jwtAudience}
          error={errors.jwtAudience}
          help="Blank: the token URL."
          mono
          onChange={(jwtAudience) => update({ jwtAudience })}
        />
      </div>
    </fieldset>
  );
}
