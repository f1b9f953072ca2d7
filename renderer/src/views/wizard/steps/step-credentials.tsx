import { useId, useState, type ReactElement } from 'react';
import { AppError } from '#shared/errors.js';
import {
  decodeBasicHeader,
  inspectPastedSecret,
  type BasicCredentials,
} from '#shared/secret-input.js';
import { authMethodExplanation, authMethodName, usesSecret } from '../model/auth-methods.js';
import { jwsAlgorithms, presetOf, usesKeyFile, type WizardDraft } from '../model/draft.js';
import { credentialsErrors } from '../model/validate.js';
import { FileField, SelectField, TextField } from '../parts/fields.js';
import { JwtBearerFields, KeyFileDrop } from '../parts/grant-settings.js';
import { SecretField } from '../parts/secret-field.js';
import { SecretOriginNotice } from '../parts/secret-origin-notice.js';
import { useDraft, useShownErrors } from '../parts/use-draft.js';

type Decoded = { ok: true; value: BasicCredentials } | { ok: false; message: string; hint: string };

function decode(text: string): Decoded {
  try {
    return { ok: true, value: decodeBasicHeader(text) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message, hint: err.hint ?? '' };
    throw err;
  }
}

/** Split a pasted `Basic …` value into client ID and secret, explaining what was noticed. */
function BasicHeaderHelper({
  open,
  onDecode,
}: {
  open: boolean;
  onDecode: (text: string) => void;
}): ReactElement {
  const id = useId();
  const [text, setText] = useState('');
  return (
    <details className="conn-details basic-helper" open={open}>
      <summary>Have an “Authorization: Basic …” value instead?</summary>
      <div className="basic-helper-body">
        <div className="wz-field wz-field-wide">
          <label htmlFor={id}>Basic header value</label>
          <div className="secret-input">
            <input
              id={id}
              type="password"
              className="mono"
              value={text}
              autoComplete="off"
              spellCheck={false}
              placeholder="Basic c2EtdGVzdDpzZWNyZXQ="
              onChange={(e) => setText(e.target.value)}
            />
            <button
              type="button"
              className="conn-button"
              disabled={text.trim() === ''}
              onClick={() => {
                onDecode(text);
                setText('');
              }}
            >
              Decode
            </button>
          </div>
          <span className="field-help">
            Fills in the client ID and secret from the header, and says if it was built with a
            mistake.
          </span>
        </div>
      </div>
    </details>
  );
}

/** Patch that takes client ID and secret from a decoded Basic header. */
function credentialsFrom(draft: WizardDraft, basic: BasicCredentials): Partial<WizardDraft> {
  const patch: Partial<WizardDraft> = {
    clientId: basic.clientId,
    clientSecret: basic.clientSecret,
  };
  // Special characters sent unencoded: the server expects the raw Basic form.
  if (
    basic.warnings.some((w) => w.code === 'not-form-encoded') &&
    draft.authMethod === 'client_secret_basic'
  ) {
    patch.authMethod = 'client_secret_basic_raw';
  }
  return patch;
}

function DecodedNotes({
  result,
  onUseDecoded,
}: {
  result: Decoded;
  onUseDecoded: (() => void) | undefined;
}): ReactElement {
  if (!result.ok) {
    return (
      <div className="conn-callout conn-callout-error" role="alert">
        <strong>{result.message}</strong> {result.hint}
      </div>
    );
  }
  return (
    <div className="conn-callout conn-callout-info" role="status">
      <strong>Read the client ID and secret from the Basic header.</strong>
      <ul>
        {result.value.warnings.map((w) => (
          <li key={w.code}>{w.message}</li>
        ))}
        {result.value.warnings.some((w) => w.code === 'not-form-encoded') && (
          <li>Client authentication is set to HTTP Basic, unencoded, to send them the same way.</li>
        )}
      </ul>
      {onUseDecoded !== undefined && (
        <button type="button" className="conn-button small" onClick={onUseDecoded}>
          Use the decoded ID and secret
        </button>
      )}
    </div>
  );
}

/** Step 4: client ID and secret (or key files), with checks for paste accidents. */
export function StepCredentials(): ReactElement | null {
  const { draft, update } = useDraft();
  const errors = useShownErrors('credentials', draft === null ? {} : credentialsErrors(draft));
  const [decoded, setDecoded] = useState<Decoded | null>(null);
  if (draft === null) return null;
  const preset = presetOf(draft);
  if (usesKeyFile(draft)) {
    return (
      <>
        <p className="step-intro">
          {preset.name}: the key file is the credential. Grantline signs a short-lived assertion
          with its private key (JWT bearer grant); no client secret is sent.
        </p>
        <SecretOriginNotice draft={draft} />
        <KeyFileDrop draft={draft} />
      </>
    );
  }
  const idWarnings =
    draft.clientId === ''
      ? []
      : inspectPastedSecret(draft.clientId).warnings.filter((w) =>
          [
            'leading-whitespace',
            'trailing-newline',
            'trailing-whitespace',
            'inner-whitespace',
          ].includes(w.code),
        );
  const onBasic = (text: string): void => {
    const result = decode(text);
    setDecoded(result);
    if (result.ok) update(credentialsFrom(draft, result.value));
  };
  const formDecoded = decoded?.ok === true ? decoded.value.formDecoded : undefined;
  // A preset whose guidance publishes a client (WSO2's test IdP) can fill it in.
  const published = preset.onboarding.flatMap((step) => step.commands ?? []);
  const publishedId = published.find((c) => c.label === 'Client ID')?.command;
  const publishedSecret = published.find((c) => c.label === 'Client secret')?.command;
  return (
    <>
      <p className="step-intro">
        {preset.name} authenticates with <strong>{authMethodName(draft.authMethod)}</strong>:{' '}
        {authMethodExplanation(draft.authMethod)} (Change it under Advanced options on the previous
        step.)
      </p>
      <SecretOriginNotice draft={draft} />
      {publishedId !== undefined && publishedSecret !== undefined && (
        <p className="published-client">
          <button
            type="button"
            className="conn-button small"
            onClick={() => update({ clientId: publishedId, clientSecret: publishedSecret })}
          >
            Use the published test client
          </button>{' '}
          <span className="field-help">
            {preset.name} documents one client for testing; its secret is not confidential.
          </span>
        </p>
      )}
      <TextField
        label="Client ID"
        value={draft.clientId}
        error={errors.clientId}
        mono
        className="wz-field-wide"
        help={idWarnings.length > 0 ? 'Spaces around the ID are removed when saving.' : undefined}
        onChange={(clientId) => update({ clientId })}
      />
      {idWarnings
        .filter((w) => w.code === 'inner-whitespace')
        .map((w) => (
          <p key={w.code} className="field-warning">
            {w.message}
          </p>
        ))}
      {usesSecret(draft.authMethod) && (
        <>
          <SecretField
            value={draft.clientSecret}
            stored={draft.stored.clientSecret}
            error={errors.clientSecret}
            quoted={draft.secretQuoted}
            onChange={(clientSecret) => update({ clientSecret, secretQuoted: false })}
            onBasicHeader={onBasic}
          />
          {decoded !== null && (
            <DecodedNotes
              result={decoded}
              onUseDecoded={
                formDecoded === undefined
                  ? undefined
                  : () => {
                      update({
                        clientId: formDecoded.clientId,
                        clientSecret: formDecoded.clientSecret,
                        authMethod: 'client_secret_basic',
                      });
                      setDecoded(null);
                    }
              }
            />
          )}
          <BasicHeaderHelper open={decoded !== null} onDecode={onBasic} />
        </>
      )}
      {draft.grant === 'jwt_bearer' && (
        <JwtBearerFields draft={draft} errors={errors} update={update} />
      )}
      {draft.authMethod === 'private_key_jwt' && (
        <div className="field-grid">
          <FileField
            label="Private key file"
            accept=".pem,.key,.json,.jwk"
            fileName={draft.privateKeyFile}
            error={errors.privateKey}
            help={
              draft.stored.privateKey && draft.privateKey === ''
                ? 'A key is stored; choose a file only to replace it.'
                : 'PKCS#8 PEM or a private JWK. Saving hands it to the main process, which stores it encrypted; it is never shown again.'
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
        </div>
      )}
      {draft.authMethod === 'tls_client_auth' && (
        <div className="field-grid">
          <FileField
            label="Client certificate file"
            accept=".pem,.crt,.cer"
            fileName={draft.clientCertFile}
            error={errors.clientCert}
            help={draft.stored.clientCert ? 'A certificate is stored.' : 'PEM.'}
            onLoad={(clientCert, clientCertFile) => update({ clientCert, clientCertFile })}
          />
          <FileField
            label="Client key file"
            accept=".pem,.key"
            fileName={draft.clientKeyFile}
            error={errors.clientKey}
            help={draft.stored.clientKey ? 'A key is stored.' : 'PEM, unencrypted.'}
            onLoad={(clientKey, clientKeyFile) => update({ clientKey, clientKeyFile })}
          />
        </div>
      )}
    </>
  );
}
