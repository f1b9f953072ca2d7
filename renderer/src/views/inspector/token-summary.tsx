import { useId, type ReactElement } from 'react';
import type { SignatureReportView } from '#shared/ipc/contract.js';
import type { InputFix, Lifetime } from '#shared/jwt/index.js';
import type { InspectedOk } from './inspected.js';
import type { AutoCheck } from '../../store/slices/inspector-slice.js';
import { KIND_LABELS, LIFETIME_LABELS, SIGNATURE_LABELS, type Tone } from './format.js';

/**
 * What the token is (kind badge, algorithm, key id), what was cleaned from the pasted text, and
 * the two verdicts side by side: lifetime and signature, never merged into one "valid".
 */
export function TokenSummary({
  inspection,
  lifetime,
  signature,
  verifying,
  autoCheck,
  onChooseKeys,
}: {
  inspection: InspectedOk;
  lifetime: Lifetime | null;
  signature: SignatureReportView | null;
  verifying: boolean;
  autoCheck: AutoCheck | null;
  /** Takes the user to the signature form to choose where the keys come from. */
  onChooseKeys: () => void;
}): ReactElement {
  const headingId = useId();
  const kind = KIND_LABELS[inspection.kind];
  const { decoded } = inspection;
  const facts: Array<[string, string]> = [];
  if (decoded.kind !== 'opaque') {
    facts.push(['Algorithm (alg)', decoded.alg ?? 'none given']);
    if (decoded.kind === 'jwe') facts.push(['Encryption (enc)', decoded.enc ?? 'none given']);
    if (decoded.kid !== null) facts.push(['Key ID (kid)', decoded.kid]);
    if (decoded.typ !== null) facts.push(['Type (typ)', decoded.typ]);
  } else {
    facts.push(['Shape', decoded.format]);
  }
  if (decoded.token !== '') facts.push(['Length', `${decoded.token.length} characters`]);
  const lifetimeTile = lifetimeVerdict(inspection, lifetime);
  const signatureTile = signatureVerdict(inspection, signature, verifying, autoCheck);
  const checkable = inspection.kind === 'jws';
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="card-title-row">
        <h2 id={headingId}>Token</h2>
        <span className={`chip chip-${kind.tone} kind-badge`} data-testid="token-kind">
          {kind.title} · {kind.detail}
        </span>
      </div>
      {decoded.kind === 'opaque' && <p className="callout callout-info">{decoded.message}</p>}
      {decoded.kind === 'jwe' && (
        <p className="callout callout-info">
          The payload is encrypted ({decoded.sizes.ciphertext} bytes of ciphertext): only the
          recipient holding the private key can read its claims. Only its header is decoded.
        </p>
      )}
      <dl className="facts compact">
        {facts.map(([name, value]) => (
          <div key={name} className="fact">
            <dt>{name}</dt>
            <dd>
              <code>{value}</code>
            </dd>
          </div>
        ))}
      </dl>
      <Fixes fixes={inspection.fixes} />
      <div className="verdicts">
        <div
          className={`verdict tone-${lifetimeTile.tone}`}
          role="group"
          aria-label="Lifetime verdict"
        >
          <span className="verdict-name">Lifetime</span>
          <strong className="verdict-value">{lifetimeTile.label}</strong>
          <span className="verdict-detail">{lifetimeTile.detail}</span>
        </div>
        <div
          className={`verdict tone-${signatureTile.tone}`}
          role="group"
          aria-label="Signature verdict"
          aria-busy={verifying}
        >
          <span className="verdict-name">Signature</span>
          <strong className="verdict-value" data-testid="signature-verdict">
            {signatureTile.label}
          </strong>
          <span className="verdict-detail">{signatureTile.detail}</span>
          {signature !== null && !verifying && autoCheck !== null && autoCheck.keys !== null && (
            <span className="verdict-detail verdict-source">
              {autoSource(autoCheck, signature)}
            </span>
          )}
          {checkable && !verifying && (
            <button type="button" className="small-button verdict-action" onClick={onChooseKeys}>
              {signature === null ? 'Choose keys' : 'Check with other keys'}
            </button>
          )}
        </div>
      </div>
      {lifetime?.status === 'valid' && signature?.verified !== true && (
        <p className="muted verdict-note">
          A valid lifetime says nothing about who wrote the token: only a verified signature does.
        </p>
      )}
    </section>
  );
}

/** The list of what was changed in the pasted text to get at the token. */
export function Fixes({ fixes }: { fixes: readonly InputFix[] }): ReactElement | null {
  const headingId = useId();
  if (fixes.length === 0) return null;
  return (
    <div className="fixes">
      <h3 id={headingId}>Cleaned up the pasted text</h3>
      <ul aria-labelledby={headingId}>
        {fixes.map((fix, index) => (
          <li key={`${fix.code}-${index}`}>{fix.message}</li>
        ))}
      </ul>
    </div>
  );
}

interface Tile {
  label: string;
  detail: string;
  tone: Tone;
}

function lifetimeVerdict(inspection: InspectedOk, lifetime: Lifetime | null): Tile {
  if (lifetime !== null) {
    const state = LIFETIME_LABELS[lifetime.status];
    return { label: state.label, detail: lifetime.summary, tone: state.tone };
  }
  return {
    label: 'Unknown',
    detail:
      inspection.kind === 'opaque'
        ? 'Only the issuer knows (ask its introspection endpoint).'
        : 'The claims are encrypted.',
    tone: 'neutral',
  };
}

/** Where the keys of an automatic check came from, in one line. */
function autoSource(auto: AutoCheck, report: SignatureReportView): string {
  const from = report.keySource ?? 'the published keys';
  switch (auto.keys) {
    case 'remembered_jwks':
      return `Checked by itself with the JWKS URL remembered for ${auto.issuer ?? 'this issuer'}: ${from}.`;
    case 'issuer_discovery':
      return `Checked by itself with the keys ${auto.issuer ?? 'the issuer'} publishes (discovery): ${from}.`;
    case 'connection':
      return `Checked by itself with the connection's issuer keys: ${from}.`;
    default:
      return '';
  }
}

function signatureVerdict(
  inspection: InspectedOk,
  report: SignatureReportView | null,
  verifying: boolean,
  autoCheck: AutoCheck | null,
): Tile {
  if (verifying)
    return {
      label: 'Checking…',
      detail: 'Fetching the issuer’s keys and verifying.',
      tone: 'neutral',
    };
  if (report !== null) {
    const state = SIGNATURE_LABELS[report.outcome];
    return { label: state.label, detail: shortReason(report), tone: state.tone };
  }
  switch (inspection.kind) {
    case 'unsecured':
      return {
        label: 'Not signed',
        detail: 'alg "none": anyone could have written it.',
        tone: 'bad',
      };
    case 'opaque':
      return {
        label: 'Not applicable',
        detail: 'Only the issuer can vouch for it.',
        tone: 'neutral',
      };
    case 'jwe':
      return {
        label: 'Not checkable here',
        detail: 'Decrypting needs the recipient’s private key.',
        tone: 'neutral',
      };
    default:
      return {
        label: 'Not verified',
        detail:
          autoCheck?.skipped ??
          'No keys are known for its issuer yet: choose where they come from.',
        tone: 'warn',
      };
  }
}

/** One line for the verdict tile; the whole reason is in the Signature card. */
function shortReason(report: SignatureReportView): string {
  const kid = report.kid ?? '(no kid)';
  switch (report.outcome) {
    case 'verified':
      return report.kid !== null
        ? `Key ${report.kid} · ${report.alg ?? ''}`
        : `${report.alg ?? ''} · ${report.keySource ?? 'the key given'}`;
    case 'invalid_signature':
      return 'Altered, or signed with another key.';
    case 'no_matching_key':
      return `No key "${kid}" among the keys fetched: rotated, or another issuer?`;
    case 'fetch_failed':
      return report.reason;
    case 'bad_key':
      return 'The key given could not be read.';
    case 'wrong_key_type':
      return `That kind of key cannot check ${report.alg ?? 'this algorithm'}.`;
    case 'unsupported_alg':
      return `${report.alg ?? 'The algorithm'} is not verified here.`;
    case 'unsigned':
      return 'alg "none": anyone could have written it.';
    default:
      return report.reason;
  }
}
