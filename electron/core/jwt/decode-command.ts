import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MAX_TOKEN_LENGTH } from '#shared/jwt/decode.js';
import { inspectToken, type InspectionResult } from '#shared/jwt/inspect.js';
import { toJsonOutput, toTextOutput } from './decode-output.js';
import {
  notChecked,
  verifyTokenSignature,
  type KeySource,
  type SignatureReport,
} from './verify-signature.js';

/** What `grantline decode` needs from its surroundings (injected so tests need no process). */
export interface DecodeCommandIo {
  stdin: NodeJS.ReadableStream;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** The fetch used for `--jwks URL` (default: global fetch). */
  fetch?: typeof fetch;
  /** Environment for `--hmac-secret-env` (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Current time in epoch ms (default: Date.now). */
  now?: () => number;
}

/** The `grantline decode --help` text: every flag, the output and the exit codes. */
export const DECODE_HELP = `Usage: grantline decode [TOKEN | -] [options]

Decode a JWT (or recognise an opaque token), explain its claims, show its lifetime and
security warnings, and optionally verify its signature. Nothing is sent anywhere except a
request for the keys named by --jwks.

Arguments:
  TOKEN                     The token. Forgiving: a "Bearer " prefix, quotes, whitespace or
                            line breaks inside, or a whole token-response JSON are accepted,
                            and each fix is reported. Put "--" before a token starting with "-".
  -                         Read the token from standard input (also the default when no
                            TOKEN is given and input is piped).

Options:
  --jwks URL|FILE           Verify the signature with these keys: a JWKS URL, an issuer's
                            discovery URL (…/.well-known/openid-configuration), an issuer URL,
                            or a file holding a JWKS.
  --key FILE                Verify with a public key file: JWK, JWKS, PEM public key, or PEM
                            certificate. A JWK with "kty":"oct" holds an HMAC secret.
  --hmac-secret-env VAR     Verify an HS256/HS384/HS512 token with the secret in environment
                            variable VAR (secrets never go on the command line).
  --expect-issuer ISS       Warn when the token's iss differs.
  --expect-audience AUD     Warn when AUD is not among the token's aud (repeat-free, space-separated).
  --expect-scope "S1 S2"    Warn when the token does not grant these scopes.
  --skew SECONDS            Clock-skew allowance for the lifetime status (default 60).
  --json                    Print one JSON object instead of a summary:
                            {"ok":true,"kind":"jws|jwe|unsecured|opaque","header","payload",
                             "times":{"iat","nbf","exp"},"status":"valid|expired|not_yet_valid|no_expiry",
                             "expires_soon","lifetime","warnings":[…],"signature":{"checked",
                             "verified","kid","alg","reason","outcome","keySource"},"fixes":[…],"notes":[…]}
                            or {"ok":false,"error":{"code","message",…},"fixes":[…]}.
                            payload is null for JWE (encrypted) and opaque tokens; status is
                            null when the claims cannot be read.
  -h, --help                Show this help.

Exit codes:
  0  decoded (and, when a key was given, the signature verified)
  1  the input is not a decodable token
  2  usage error (unknown flag, unreadable key file, missing variable)
  3  decoded, but a key was given and the signature did not verify
`;

/** The flags `grantline decode` accepts (node:util parseArgs configuration). */
export const DECODE_OPTIONS = {
  jwks: { type: 'string' },
  key: { type: 'string' },
  'hmac-secret-env': { type: 'string' },
  'expect-issuer': { type: 'string' },
  'expect-audience': { type: 'string' },
  'expect-scope': { type: 'string' },
  skew: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

/** Runs `grantline decode`; resolves to the process exit code and never throws. */
export async function runDecodeCommand(argv: string[], io: DecodeCommandIo): Promise<number> {
  const wantsJson = argv.includes('--json');
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: DECODE_OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    if (values.help === true) {
      io.stdout(DECODE_HELP);
      return 0;
    }
    if (positionals.length > 1) {
      throw new UsageError(`Expected one token, got ${positionals.length} arguments.`);
    }
    const skewSeconds = parseSkew(values.skew);
    const source = await keySource(values, io.env ?? process.env);
    const raw = await readToken(positionals[0], io.stdin);
    const inspection = inspectToken(raw, {
      now: (io.now ?? Date.now)(),
      skewSeconds,
      expected: {
        ...(values['expect-issuer'] !== undefined ? { issuer: values['expect-issuer'] } : {}),
        ...(values['expect-audience'] !== undefined ? { audience: values['expect-audience'] } : {}),
        ...(values['expect-scope'] !== undefined ? { scope: values['expect-scope'] } : {}),
      },
    });
    const signature = await checkSignature(inspection, source, io.fetch);
    if (values.json === true) io.stdout(`${JSON.stringify(toJsonOutput(inspection, signature))}\n`);
    else io.stdout(toTextOutput(inspection, signature));
    if (!inspection.ok) return 1;
    return source !== undefined && signature.verified !== true ? 3 : 0;
  } catch (error) {
    const usage = error instanceof UsageError || isParseArgsError(error);
    const message = error instanceof Error ? error.message : String(error);
    if (wantsJson) {
      const code = usage ? 'usage' : 'internal';
      io.stdout(`${JSON.stringify({ ok: false, error: { code, message }, fixes: [] })}\n`);
    } else {
      io.stderr(
        `grantline decode: ${message}\n${usage ? 'Run "grantline decode --help" for usage.\n' : ''}`,
      );
    }
    return usage ? 2 : 1;
  }
}

async function checkSignature(
  inspection: InspectionResult,
  source: KeySource | undefined,
  fetchImpl: typeof fetch | undefined,
): Promise<SignatureReport> {
  if (!inspection.ok) return notChecked('The token could not be decoded.');
  if (source === undefined) {
    return notChecked(
      'No key was given (use --jwks, --key or --hmac-secret-env).',
      inspection.decoded,
    );
  }
  return verifyTokenSignature(
    inspection.decoded,
    source,
    fetchImpl === undefined ? {} : { fetch: fetchImpl },
  );
}

type Values = {
  jwks?: string;
  key?: string;
  'hmac-secret-env'?: string;
};

async function keySource(
  values: Values,
  env: Record<string, string | undefined>,
): Promise<KeySource | undefined> {
  const given = [values.jwks, values.key, values['hmac-secret-env']].filter((v) => v !== undefined);
  if (given.length > 1)
    throw new UsageError('Use only one of --jwks, --key and --hmac-secret-env.');
  if (values.jwks !== undefined) {
    if (/^https?:\/\//i.test(values.jwks)) return { type: 'jwks_url', url: values.jwks };
    return { type: 'key_text', text: await readKeyFile(values.jwks, '--jwks'), label: values.jwks };
  }
  if (values.key !== undefined) {
    return { type: 'key_text', text: await readKeyFile(values.key, '--key'), label: values.key };
  }
  const variable = values['hmac-secret-env'];
  if (variable !== undefined) {
    const secret = env[variable];
    if (secret === undefined || secret === '') {
      throw new UsageError(`The environment variable ${variable} (--hmac-secret-env) is not set.`);
    }
    return { type: 'hmac_secret', secret };
  }
  return undefined;
}

async function readKeyFile(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(
      `Cannot read the ${flag} file "${path}"${typeof code === 'string' ? ` (${code})` : ''}.`,
    );
  }
}

function parseSkew(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new UsageError(`--skew takes a number of seconds, not "${value}".`);
  }
  return seconds;
}

async function readToken(arg: string | undefined, stdin: NodeJS.ReadableStream): Promise<string> {
  if (arg !== undefined && arg !== '-') return arg;
  if (arg === undefined && (stdin as { isTTY?: boolean }).isTTY === true) {
    throw new UsageError('No token given: pass it as an argument, or pipe it in with "-".');
  }
  const chunks: string[] = [];
  let length = 0;
  for await (const chunk of stdin) {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    length += text.length;
    if (length > MAX_TOKEN_LENGTH) throw new UsageError('The input is too large to be a token.');
    chunks.push(text);
  }
  return chunks.join('');
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
