import { useEffect, useState, type ReactElement } from 'react';
import { useStore } from '../../../store/store.js';
import { fallbackAuthMethods } from '#shared/presets/index.js';
import { authMethodLabel, authMethodName, usesSecret } from '../model/auth-methods.js';
import { presetOf, tokenUrlPreview, usesKeyFile, type WizardDraft } from '../model/draft.js';
import { suggestionsFor, suggestionsForError } from '../model/suggestions.js';
import { SecretOriginNotice } from '../parts/secret-origin-notice.js';
import { TestFailure, TestSuccess } from '../parts/test-result.js';

const grantNames = {
  client_credentials: 'Client credentials',
  jwt_bearer: 'JWT bearer assertion',
  token_exchange: 'Token exchange',
} as const;

/** Seconds since the test started, counted on screen while it runs. */
function Elapsed(): ReactElement {
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <span className="test-timer mono" aria-hidden="true">
      {Math.floor((now - started) / 1000)} s
    </span>
  );
}

function Summary({ draft }: { draft: WizardDraft }): ReactElement {
  const preview = tokenUrlPreview(draft);
  const secret = usesKeyFile(draft)
    ? draft.keyFile !== null || draft.stored.privateKey
      ? 'key file (private key in the secret store)'
      : 'missing'
    : draft.grant === 'jwt_bearer' && draft.authMethod === 'none'
      ? draft.privateKey !== '' || draft.stored.privateKey
        ? 'private key'
        : 'missing'
      : usesSecret(draft.authMethod)
        ? draft.clientSecret !== ''
          ? 'typed (hidden)'
          : draft.stored.clientSecret
            ? 'stored (kept)'
            : 'missing'
        : draft.authMethod === 'private_key_jwt'
          ? 'private key'
          : 'client certificate';
  return (
    <dl className="conn-facts test-summary">
      <div>
        <dt>{preview.kind === 'discovery' ? 'Issuer' : 'Token URL'}</dt>
        <dd>
          <code>
            {preview.kind === 'url'
              ? preview.url
              : preview.kind === 'discovery'
                ? preview.issuer
                : preview.message}
          </code>
        </dd>
      </div>
      {draft.grant !== 'client_credentials' && (
        <div>
          <dt>Grant</dt>
          <dd>{grantNames[draft.grant]}</dd>
        </div>
      )}
      {!usesKeyFile(draft) && (
        <div>
          <dt>Client authentication</dt>
          <dd>{authMethodName(draft.authMethod)}</dd>
        </div>
      )}
      <div>
        <dt>{usesKeyFile(draft) ? 'Service account' : 'Client ID'}</dt>
        <dd>
          <code>
            {usesKeyFile(draft) ? (draft.keyFile?.clientEmail ?? '') : draft.clientId.trim()}
          </code>
        </dd>
      </div>
      {draft.dpop && (
        <div>
          <dt>Token binding</dt>
          <dd>DPoP (key pair kept in main)</dd>
        </div>
      )}
      <div>
        <dt>Secret</dt>
        <dd>{secret}</dd>
      </div>
      {draft.pinnedSha256.trim() !== '' && (
        <div>
          <dt>Pinned certificate</dt>
          <dd>
            <code>{draft.pinnedSha256}</code>
          </dd>
        </div>
      )}
    </dl>
  );
}

/**
 * Says, before the test, whether a rejected secret is sent again another way: only the ways the
 * preset accepts, and only if the user leaves it on.
 */
function OtherMethods({
  draft,
  update,
}: {
  draft: WizardDraft;
  update: (patch: Partial<WizardDraft>) => void;
}): ReactElement | null {
  if (!usesSecret(draft.authMethod)) return null;
  const preset = presetOf(draft);
  const others = fallbackAuthMethods(preset, draft.authMethod);
  if (others.length === 0) {
    return (
      <p className="field-help other-methods">
        {preset.name} accepts only {authMethodLabel(draft.authMethod)}: if the server refuses the
        secret, it is not sent another way.
      </p>
    );
  }
  const names = others.map(authMethodLabel).join(', ');
  return (
    <label className="wz-check other-methods">
      <input
        type="checkbox"
        checked={draft.tryOtherMethods}
        onChange={(e) => update({ tryOtherMethods: e.target.checked })}
      />
      <span>
        If the server rejects the client, also try {names} (
        {others.length === 1 ? 'the other way' : 'the other ways'} {preset.name} accepts). Each try
        sends the secret again; some providers lock an account after failed attempts.
      </span>
    </label>
  );
}

/** Step 5: a real token request through the main process, then save. */
export function StepTest(): ReactElement | null {
  const wizard = useStore((s) => s.wizard);
  const runTest = useStore((s) => s.runTest);
  const stopTest = useStore((s) => s.stopTest);
  const apply = useStore((s) => s.applyWizardSuggestion);
  const save = useStore((s) => s.saveWizard);
  const update = useStore((s) => s.updateDraft);
  if (wizard === null || wizard.draft === null) return null;
  const { draft, test } = wizard;
  const running = test.status === 'running';
  const stale = test.status === 'done' && test.revision !== wizard.revision;
  const report = test.report;
  const worked = test.status === 'done' && report?.ok === true && !stale;
  const failure = report !== null && !report.ok ? report.error : test.error;
  const suggestions =
    report !== null
      ? suggestionsFor(report, draft)
      : test.error !== null
        ? suggestionsForError(test.error, draft)
        : [];

  return (
    <>
      <p className="step-intro">
        Grantline asks the server for a real token with these settings. The secret goes to the main
        process only; nothing is saved until you choose Save.
      </p>
      <Summary draft={draft} />
      <SecretOriginNotice draft={draft} />
      {draft.trustQuestion && test.status === 'idle' && (
        <div className="conn-callout conn-callout-warn">
          The imported command skipped certificate checks (-k). Test first: if the server’s
          certificate is not trusted, you can check its fingerprint and trust exactly that one.
        </div>
      )}
      <OtherMethods draft={draft} update={update} />
      <div className="wz-button-row test-actions">
        <button
          type="button"
          className={`conn-button${test.status === 'idle' ? ' primary' : ''}`}
          disabled={running}
          onClick={() => void runTest()}
        >
          {running ? 'Testing…' : test.status === 'idle' ? 'Test connection' : 'Test again'}
        </button>
        {running && (
          <>
            <span className="testing">
              <span className="wz-spinner" aria-hidden="true" />
              <span role="status">Asking the server for a token…</span> <Elapsed />
            </span>
            <button type="button" className="conn-button" onClick={stopTest}>
              Cancel test
            </button>
          </>
        )}
      </div>
      {stale && (
        <p className="field-warning">
          The settings changed since this test; test again to check them.
        </p>
      )}
      {!running && report !== null && report.ok && (
        <TestSuccess report={report} onInspect={() => void save('inspect')} />
      )}
      {!running && failure !== null && failure !== undefined && (
        <TestFailure
          report={report}
          error={failure}
          suggestions={suggestions}
          busy={running}
          onApply={(s) => void apply(s)}
        />
      )}
      <div className="save-row">
        <button
          type="button"
          className="conn-button primary"
          disabled={wizard.saving || running}
          onClick={() => void save('list')}
        >
          {wizard.saving
            ? 'Saving…'
            : draft.editId !== undefined
              ? 'Save changes'
              : 'Save connection'}
        </button>
        {!worked && (
          <span className="muted">
            {test.status === 'idle'
              ? 'You can save without testing and test later from the list.'
              : 'You can save anyway and fix it later.'}
          </span>
        )}
      </div>
      {wizard.saveError !== null && (
        <div className="conn-callout conn-callout-error" role="alert">
          <strong>Not saved: {wizard.saveError.message}</strong> {wizard.saveError.hint}
        </div>
      )}
    </>
  );
}
