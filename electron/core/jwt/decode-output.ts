import type { ClaimExplanation } from '#shared/jwt/claims.js';
import type { InputFix } from '#shared/jwt/input.js';
import type { InspectionResult, TokenInspection } from '#shared/jwt/inspect.js';
import type { JsonObject, TokenKind } from '#shared/jwt/types.js';
import type { TokenWarning } from '#shared/jwt/warnings.js';
import type { SignatureReport } from './verify-signature.js';

/** Lifetime status as the CLI prints it: "expires soon" is still valid (see `expires_soon`). */
export type CliStatus = 'valid' | 'expired' | 'not_yet_valid' | 'no_expiry';

/** The `--json` success object of `grantline decode`. */
export interface DecodeJsonSuccess {
  ok: true;
  kind: TokenKind;
  header: JsonObject | null;
  /** Null for JWE (encrypted) and opaque tokens. */
  payload: JsonObject | null;
  times: { iat: string | null; nbf: string | null; exp: string | null };
  /** Null when the claims cannot be read (JWE, opaque). */
  status: CliStatus | null;
  expires_soon: boolean;
  /** One line, e.g. "expires in 4 min 12 s". */
  lifetime: string | null;
  warnings: Array<Pick<TokenWarning, 'code' | 'severity' | 'message'> & { claim?: string }>;
  signature: SignatureReport;
  fixes: InputFix[];
  notes: string[];
}

/** The `--json` failure object of `grantline decode`. */
export interface DecodeJsonFailure {
  ok: false;
  error: { code: string; message: string; hint?: string } & Record<string, unknown>;
  fixes: InputFix[];
}

/** Builds the `--json` object from an inspection and a signature report. */
export function toJsonOutput(
  result: InspectionResult,
  signature: SignatureReport,
): DecodeJsonSuccess | DecodeJsonFailure {
  if (!result.ok) return { ok: false, error: { ...result.error }, fixes: result.fixes };
  const lifetime = result.lifetime;
  let status: CliStatus | null = null;
  if (lifetime !== null) status = lifetime.status === 'expires_soon' ? 'valid' : lifetime.status;
  return {
    ok: true,
    kind: result.kind,
    header: result.decoded.header,
    payload: result.decoded.payload,
    times: result.times,
    status,
    expires_soon: lifetime?.status === 'expires_soon',
    lifetime: lifetime?.summary ?? null,
    warnings: result.warnings,
    signature,
    fixes: result.fixes,
    notes: result.decoded.notes,
  };
}

const KIND_LABEL: Record<TokenKind, string> = {
  jws: 'JWS (signed JWT)',
  jwe: 'JWE (encrypted JWT)',
  unsecured: 'unsecured JWT (alg: none)',
  opaque: 'opaque reference token',
};

/** A readable summary for a terminal. */
export function toTextOutput(result: InspectionResult, signature: SignatureReport): string {
  if (!result.ok) {
    const lines = [`error: ${result.error.message}`];
    const hint = 'hint' in result.error ? result.error.hint : undefined;
    if (hint !== undefined) lines.push(`hint:  ${hint}`);
    for (const fix of result.fixes) lines.push(`input: ${fix.message}`);
    return `${lines.join('\n')}\n`;
  }
  const lines: string[] = [];
  lines.push(row('Token', describeToken(result)));
  for (const fix of result.fixes) lines.push(row('Input', fix.message));
  if (result.decoded.kind === 'opaque') lines.push(row('', result.decoded.message));
  if (result.decoded.kind === 'jwe') {
    lines.push(row('Payload', "encrypted: only the recipient's private key can read it"));
  }
  if (result.lifetime !== null) {
    const { status, summary, skewSeconds } = result.lifetime;
    lines.push(
      row(
        'Status',
        `${status.replace(/_/g, ' ')}: ${summary} (clock-skew allowance ${skewSeconds} s)`,
      ),
    );
  }
  lines.push(row('Signature', signatureLine(signature)));
  for (const note of result.decoded.notes) lines.push(row('Note', note));
  if (result.header.length > 0) lines.push('', 'Header', ...table(result.header));
  if (result.claims.length > 0) lines.push('', 'Claims', ...table(result.claims));
  if (result.warnings.length > 0) {
    lines.push('', 'Warnings');
    for (const warning of result.warnings) lines.push(`  [${warning.severity}] ${warning.message}`);
  }
  return `${lines.join('\n')}\n`;
}

function describeToken(result: TokenInspection): string {
  const { decoded } = result;
  const parts = [KIND_LABEL[decoded.kind]];
  if (decoded.alg !== null) parts.push(`alg ${decoded.alg}`);
  if (decoded.kind === 'jwe' && decoded.enc !== null) parts.push(`enc ${decoded.enc}`);
  if (decoded.kid !== null) parts.push(`kid ${decoded.kid}`);
  if (decoded.typ !== null) parts.push(`typ ${decoded.typ}`);
  if (decoded.kind === 'opaque')
    parts.push(`${decoded.token.length} characters, ${decoded.format}`);
  return parts.join(' · ');
}

function signatureLine(signature: SignatureReport): string {
  if (signature.verified === true) return `verified: ${signature.reason}`;
  if (signature.verified === false) return `NOT verified: ${signature.reason}`;
  return `not verified: ${signature.reason}`;
}

function row(label: string, text: string): string {
  return `${label.padEnd(10)} ${text}`;
}

function table(rows: ClaimExplanation[]): string[] {
  const width = Math.min(24, Math.max(...rows.map((entry) => entry.name.length)));
  return rows.map((entry) => {
    const value = entry.display.length > 100 ? `${entry.display.slice(0, 100)}…` : entry.display;
    const meaning = entry.label !== null ? `  — ${entry.label}: ${entry.meaning ?? ''}` : '';
    return `  ${entry.name.padEnd(width)}  ${value}${meaning}`;
  });
}
