import { useEffect, useMemo, type ReactElement } from 'react';
import { computeLifetime, inspectTokenInput } from '#shared/jwt/index.js';
import { EmptyState } from '../../components/empty-state.js';
import { useStore } from '../../store/store.js';
import { ClaimsCard } from './claims-card.js';
import { DecodeError } from './decode-error.js';
import { EncodedToken } from './encoded-token.js';
import { BindingCard } from './binding-card.js';
import { LifetimeCard } from './lifetime-card.js';
import { SignatureCard } from './signature-card.js';
import { SourcePicker } from './source-picker.js';
import { Fixes, TokenSummary } from './token-summary.js';
import { useNow } from './use-now.js';
import { WarningsCard } from './warnings-card.js';
import './inspector.css';

/** Typing pauses this long before the token is decoded again. */
const DEBOUNCE_MS = 200;

/** Inspector area: decode, explain and verify a pasted token or a connection's current one. */
export function InspectorView(): ReactElement {
  const source = useStore((s) => s.inspectorSource);
  const pasted = useStore((s) => s.pasted);
  const connectionId = useStore((s) => s.connectionId);
  const skewSeconds = useStore((s) => s.skewSeconds);
  const inspect = useStore((s) => s.inspect);

  useEffect(() => {
    const timer = setTimeout(() => void inspect(), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [source, pasted, connectionId, skewSeconds, inspect]);

  return (
    <div className="view inspector-view">
      <header className="view-header">
        <h1>Inspector</h1>
        <p className="view-subtitle">What is inside a token, and whether its signature holds.</p>
      </header>
      <SourcePicker />
      <InspectionResult />
    </div>
  );
}

function InspectionResult(): ReactElement | null {
  const source = useStore((s) => s.inspectorSource);
  const pasted = useStore((s) => s.pasted);
  const connectionId = useStore((s) => s.connectionId);
  const inspected = useStore((s) => s.inspected);
  const inspectError = useStore((s) => s.inspectError);
  const inspecting = useStore((s) => s.inspecting);
  const skewSeconds = useStore((s) => s.skewSeconds);
  const setSkewSeconds = useStore((s) => s.setSkewSeconds);
  const signature = useStore((s) => s.signature);
  const verifying = useStore((s) => s.verifying);
  const verifyError = useStore((s) => s.verifyError);
  const verifySignature = useStore((s) => s.verifySignature);
  const autoCheck = useStore((s) => s.autoCheck);
  const highlighted = useStore((s) => s.highlightedPart);
  const forgetJwks = useStore((s) => s.forgetJwks);

  const result = inspected?.result ?? null;
  const payload = result?.ok === true ? result.decoded.payload : null;
  const now = useNow(payload !== null);
  const lifetime = useMemo(
    () => (payload === null ? null : computeLifetime(payload, { now, skewSeconds })),
    [payload, now, skewSeconds],
  );
  // Only pasted text is shown back around a decoding error; a connection's token never is.
  const cleanedPaste = useMemo(() => {
    if (inspected?.from !== 'paste') return null;
    const input = inspectTokenInput(pasted);
    return input.ok ? input.token : null;
  }, [inspected, pasted]);

  if (inspectError !== null) {
    return (
      <section className="card card-error" role="alert">
        <h2>Could not inspect the token</h2>
        <p className="error-message">{inspectError.message}</p>
        {inspectError.hint !== undefined && <p className="muted">{inspectError.hint}</p>}
      </section>
    );
  }
  if (inspected === null || result === null) {
    if (inspecting) return <p className="muted inspecting">Inspecting…</p>;
    if (source === 'connection') {
      return connectionId === null ? (
        <EmptyState icon="inspector" title="Pick a connection">
          <p>Its current token is fetched if needed, then decoded and explained here.</p>
        </EmptyState>
      ) : null;
    }
    return (
      <EmptyState icon="inspector" title="Nothing to inspect yet">
        <p>
          Paste a token to see its header and claims explained, a live countdown to its expiry, the
          warnings a security reviewer would raise, and its signature checked against the
          issuer&apos;s keys.
        </p>
      </EmptyState>
    );
  }
  if (!result.ok) {
    return (
      <>
        {result.fixes.length > 0 && (
          <section className="card">
            <Fixes fixes={result.fixes} />
          </section>
        )}
        <DecodeError error={result.error} token={cleanedPaste} />
      </>
    );
  }
  const { decoded } = result;
  const signatureKey = `${inspected.from}:${decoded.kind}:${decoded.alg ?? ''}:${decoded.kid ?? ''}:${
    payload !== null && typeof payload.iss === 'string' ? payload.iss : ''
  }`;
  const chooseKeys = (): void => {
    const form = document.getElementById(SIGNATURE_FORM_ID);
    form?.scrollIntoView?.({ block: 'nearest' });
    form?.querySelector<HTMLInputElement>('input[name="signature-method"]:checked')?.focus();
  };
  return (
    <div className="inspection" aria-busy={inspecting}>
      <TokenSummary
        inspection={result}
        lifetime={lifetime}
        signature={signature}
        verifying={verifying}
        autoCheck={autoCheck}
        onChooseKeys={chooseKeys}
      />
      <div className="token-split">
        <div className="token-encoded">
          <EncodedToken inspection={result} />
        </div>
        <div className="token-decoded">
          {decoded.header !== null && (
            <ClaimsCard
              title="Header"
              what="parameter"
              rows={result.header}
              json={decoded.header}
              now={now}
              highlighted={highlighted === 'header'}
            />
          )}
          {payload !== null && (
            <ClaimsCard
              title="Payload"
              what="claim"
              rows={result.claims}
              json={payload}
              now={now}
              highlighted={highlighted === 'payload'}
            />
          )}
        </div>
      </div>
      {inspected.from === 'connection' && <Expected expected={inspected.expected} />}
      {inspected.from === 'connection' && connectionId !== null && payload?.cnf !== undefined && (
        <BindingCard connectionId={connectionId} tokenKey={signatureKey} />
      )}
      {decoded.kind !== 'opaque' && <WarningsCard warnings={result.warnings} />}
      {lifetime !== null && (
        <LifetimeCard lifetime={lifetime} skewSeconds={skewSeconds} onSkewChange={setSkewSeconds} />
      )}
      <SignatureCard
        key={signatureKey}
        formId={SIGNATURE_FORM_ID}
        inspection={result}
        fromConnection={inspected.from === 'connection'}
        report={signature}
        verifying={verifying}
        error={verifyError}
        autoCheck={autoCheck}
        highlighted={highlighted === 'signature'}
        onVerify={verifySignature}
        onForgetJwks={(issuer) => void forgetJwks(issuer)}
      />
    </div>
  );
}

/** The signature form, which "Choose keys" at the top focuses. */
const SIGNATURE_FORM_ID = 'inspector-signature-form';

const EXPECTED_LABELS: Record<string, string> = {
  issuer: 'Issuer',
  audience: 'Audience',
  scope: 'Scope',
};

function Expected({
  expected,
}: {
  expected: {
    issuer?: string | undefined;
    audience?: string | undefined;
    scope?: string | undefined;
  };
}): ReactElement | null {
  const entries = Object.entries(expected).filter(
    ([, value]) => value !== undefined && value !== '',
  );
  if (entries.length === 0) return null;
  return (
    <section className="card" aria-label="What the connection asked for">
      <h2>What the connection asked for</h2>
      <dl className="facts compact">
        {entries.map(([name, value]) => (
          <div key={name} className="fact">
            <dt>{EXPECTED_LABELS[name] ?? name}</dt>
            <dd>
              <code>{value}</code>
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted">Differences from the token&apos;s claims appear under Warnings.</p>
    </section>
  );
}
