import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  connectionInputSchema,
  type AuthMethod,
  type Connection,
  type ConnectionInput,
} from '#shared/connection.js';
import { AppError } from '#shared/errors.js';
import { presets } from '#shared/presets/index.js';
import { inspectPastedSecret } from '#shared/secret-input.js';
import { composeApp } from '../core/composition-root.js';
import { draftConnection } from '../core/connections/draft-connection.js';
import { openJsonStore } from '../core/storage/conf-json-store.js';
import { toAppError } from '../core/tokens/engine-errors.js';
import {
  buildTokenRequestSpec,
  fetchToken,
  readSecretMaterial,
  toCliFailure,
  toCliSuccess,
  type SecretMaterial,
} from '../core/tokens/index.js';
import type { CliIo } from './cli-io.js';
import { appVersion, defaultDataDir } from './paths.js';
import { browserModeProtector } from './secret-protection.js';
import {
  boundJson,
  finishGrantSpec,
  GRANT_HELP,
  GRANT_OPTIONS,
  readGrantFlags,
  type GrantFlags,
} from './token-grant-flags.js';

const AUTH: Record<string, AuthMethod> = {
  basic: 'client_secret_basic',
  'basic-raw': 'client_secret_basic_raw',
  post: 'client_secret_post',
  'private-key-jwt': 'private_key_jwt',
  'client-secret-jwt': 'client_secret_jwt',
};

const presetList = presets.map((p) => `  ${p.id.padEnd(16)} ${p.name}`).join('\n');

export const TOKEN_HELP = `Usage: grantline token (--connection NAME | --preset ID [--field KEY=VALUE]... | --token-url URL) [options]

Get an access token and print it (alone, for $(grantline token …)), or as JSON with --json.
Secrets are never taken from the command line: use --client-secret-env or --client-secret-stdin.

Where the token comes from:
  --connection NAME        a connection saved in the app (by name or id), with its stored secret;
                           the options below override its settings for this call
  --preset ID              a platform preset (list below); fill its URL fields with --field
  --field KEY=VALUE        a preset field, e.g. --field host=idp.example.com --field port=9095
  --token-url URL          the token endpoint (overrides the preset's URL; alone: generic OAuth 2.0)

Credentials:
  --client-id ID           the client (service account) ID
  --client-secret-env VAR  read the client secret from environment variable VAR
  --client-secret-stdin    read the client secret from standard input (one trailing newline dropped)
  --auth METHOD            basic (RFC 6749 §2.3.1, default for most presets), basic-raw (no
                           form-encoding, e.g. AppViewX), post (in the form body), private-key-jwt,
                           client-secret-jwt (HS256 assertion signed with the secret)
  --private-key FILE       PEM (PKCS#8) or JWK private key for --auth private-key-jwt

${GRANT_HELP}

Request:
  --grant-type VALUE       grant_type value (default client_credentials; AppViewX: Client_Credentials)
  --scope S                scope to ask for
  --audience A             audience parameter
  --resource R             resource indicator (RFC 8707)
  --param KEY=VALUE        extra body parameter (repeatable)
  --header 'Name: value'   extra request header, e.g. 'Host: idp.am.wso2.com' (repeatable)
  --body form|json         body encoding (default form)
  --token-field POINTER    JSON pointer to the token in the response, e.g. /response or /data/token
  --timeout SECONDS        request timeout (default 30; AppViewX allows up to 900)

TLS:
  --ca FILE                trust only this CA certificate (PEM) for the token endpoint
  --pin SHA256             trust exactly the server certificate with this SHA-256 fingerprint
                           (hex, colons optional, any case)
  --insecure               accept any certificate (last resort; prefer --ca or --pin)
  --allow-http             allow a plain-http token URL that is not on this machine

Other:
  --data-dir DIR           where saved connections live (default ${defaultDataDir()})
  --json                   print one JSON object:
                           {"ok":true,"access_token","token_type","expires_at","expires_in","scope",
                            "expiry_source","claims"}, plus "cnf" for a bound token and "dpop_jkt"
                           with --dpop; or {"ok":false,"error":{"category","status",
                            "message","hint","provider_code"}} (exit code 1)
  -h, --help               show this help

Presets:
${presetList}

Exit codes: 0 token printed, 1 the token request failed, 2 usage error.`;

const OPTIONS = {
  connection: { type: 'string' },
  preset: { type: 'string' },
  field: { type: 'string', multiple: true },
  'token-url': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret-env': { type: 'string' },
  'client-secret-stdin': { type: 'boolean' },
  auth: { type: 'string' },
  'private-key': { type: 'string' },
  'grant-type': { type: 'string' },
  scope: { type: 'string' },
  audience: { type: 'string' },
  resource: { type: 'string' },
  param: { type: 'string', multiple: true },
  header: { type: 'string', multiple: true },
  body: { type: 'string' },
  'token-field': { type: 'string' },
  ca: { type: 'string' },
  pin: { type: 'string' },
  insecure: { type: 'boolean' },
  'allow-http': { type: 'boolean' },
  timeout: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...GRANT_OPTIONS,
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

const usage = (message: string, hint?: string): AppError =>
  new AppError('validation', message, {
    hint: hint ?? 'Run "grantline token --help" for every option.',
  });

function pairs(
  list: string[] | undefined,
  separator: string,
  flag: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const at = item.indexOf(separator);
    if (at <= 0) throw usage(`${flag} expects KEY${separator}VALUE, got "${item.slice(0, 40)}".`);
    out[item.slice(0, at).trim()] = item.slice(at + separator.length).trim();
  }
  return out;
}

function readFile(path: string, flag: string): string {
  try {
    return readFileSync(resolve(path), 'utf8');
  } catch (error) {
    throw usage(
      `${flag}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  // `echo secret | grantline …` adds one newline that is not part of the secret.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Clean a secret the way the app does, warning (without the value) about what was trimmed. */
function cleanSecret(raw: string, io: CliIo): string {
  const inspected = inspectPastedSecret(raw);
  for (const warning of inspected.warnings) io.stderr(`grantline token: ${warning.message}\n`);
  return inspected.value;
}

/** The settings given on the command line, as a partial connection input. */
function overrides(v: Values, io: CliIo): Partial<ConnectionInput> {
  const out: Partial<ConnectionInput> = {};
  if (v['token-url'] !== undefined) out.tokenUrl = v['token-url'];
  if (v['client-id'] !== undefined) out.clientId = v['client-id'];
  if (v.auth !== undefined) {
    const method = AUTH[v.auth];
    if (!method)
      throw usage(
        `--auth must be basic, basic-raw, post, private-key-jwt or client-secret-jwt, not "${v.auth}".`,
      );
    out.authMethod = method;
  }
  if (v['grant-type'] !== undefined) out.grantType = v['grant-type'];
  if (v.scope !== undefined) out.scope = v.scope;
  if (v.audience !== undefined) out.audience = v.audience;
  if (v.resource !== undefined) out.resource = v.resource;
  if (v.param) out.extraBodyParams = pairs(v.param, '=', '--param');
  if (v.header) out.extraHeaders = pairs(v.header, ':', '--header');
  if (v.body !== undefined) {
    if (v.body !== 'form' && v.body !== 'json')
      throw usage(`--body must be form or json, not "${v.body}".`);
    out.bodyEncoding = v.body;
  }
  if (v['token-field'] !== undefined) out.responseMapping = { accessToken: v['token-field'] };
  if (v.timeout !== undefined) {
    const seconds = Number(v.timeout);
    if (!Number.isFinite(seconds) || seconds < 1 || seconds > 900) {
      throw usage(`--timeout is in seconds, from 1 to 900; got "${v.timeout}".`);
    }
    out.timeoutMs = Math.round(seconds * 1000);
  }
  if (v['allow-http']) out.allowHttp = true;
  if (v.ca !== undefined || v.pin !== undefined || v.insecure) {
    out.tls = {
      insecure: v.insecure ?? false,
      ...(v.ca !== undefined ? { caPem: readFile(v.ca, '--ca') } : {}),
      ...(v.pin !== undefined ? { pinnedSha256: v.pin } : {}),
    };
    if (v.insecure)
      io.stderr('grantline token: --insecure: the server certificate is NOT checked.\n');
  }
  if (v['private-key'] !== undefined && out.authMethod === undefined)
    out.authMethod = 'private_key_jwt';
  if ((out.authMethod ?? '') === 'private_key_jwt')
    out.privateKeyJwt = { alg: 'RS256', assertionLifetimeSec: 60 };
  return out;
}

/** The package version; the CLI never shows it, so a missing package.json is not an error here. */
function cliVersion(): string {
  try {
    return appVersion();
  } catch {
    return '0.0.0';
  }
}

/** Resolve the connection and its secrets from a saved connection or from flags alone. */
async function resolveRequest(
  v: Values,
  io: CliIo,
  grant: GrantFlags,
): Promise<{
  connection: Connection;
  material: SecretMaterial;
  /** A saved connection's current token (renewed when needed), for a token exchange's subject. */
  subjectTokenOf?: (connectionId: string) => Promise<string>;
}> {
  const sources = [v.connection !== undefined, v.preset !== undefined].filter(Boolean).length;
  if (sources > 1) throw usage('Give either --connection or --preset, not both.');
  if (sources === 0 && v['token-url'] === undefined && grant.changes.tokenUrl === undefined) {
    throw usage(
      'Say where the token comes from: --connection NAME, --preset ID or --token-url URL.',
    );
  }
  if (v['client-secret-env'] !== undefined && v['client-secret-stdin']) {
    throw usage('Give either --client-secret-env or --client-secret-stdin, not both.');
  }
  let secret: string | undefined;
  if (v['client-secret-env'] !== undefined) {
    const value = io.env[v['client-secret-env']];
    if (value === undefined || value === '') {
      throw usage(`Environment variable ${v['client-secret-env']} is not set or empty.`);
    }
    secret = cleanSecret(value, io);
  } else if (v['client-secret-stdin']) {
    secret = cleanSecret(await readStdin(io.stdin), io);
  }
  const privateKey =
    v['private-key'] === undefined ? undefined : readFile(v['private-key'], '--private-key');
  const changes = { ...overrides(v, io), ...grant.changes };

  if (v.connection !== undefined) {
    const dataDir = resolve(v['data-dir'] ?? defaultDataDir(io.env));
    // The same wiring as the app and `grantline serve`, so a damaged or unreadable file is
    // reported here too, with the same words, before the connection is looked up.
    const app = composeApp({
      mode: 'browser',
      version: cliVersion(),
      dataDir,
      protector: await browserModeProtector(dataDir),
      openStore: openJsonStore,
    });
    await app.ready;
    for (const notice of app.core.notices()) io.stderr(`grantline token: ${notice.message}\n`);
    const { connections: repo, secrets } = app.core;
    const saved = repo.findByNameOrId(v.connection);
    if (!saved) {
      const names = repo.list().map((c) => c.name);
      throw usage(
        `No saved connection named "${v.connection}" in ${dataDir}.`,
        names.length
          ? `Saved connections: ${names.join(', ')}.`
          : 'Save one in the app first, or use --preset / --token-url.',
      );
    }
    const connection = draftConnection(
      connectionInputSchema.parse({ ...saved, ...changes, tls: { ...saved.tls, ...changes.tls } }),
    );
    // Refuses when --token-url (or --field) moves the token endpoint to another origin.
    const material = await readSecretMaterial(saved, (ref) => secrets.find(ref), connection);
    return {
      connection: {
        ...connection,
        id: saved.id,
        privateKeyJwt: saved.privateKeyJwt ?? connection.privateKeyJwt,
      },
      material: {
        ...material,
        ...(secret !== undefined ? { clientSecret: secret } : {}),
        ...(privateKey ? { privateKey } : {}),
        ...grant.material,
      },
      // An exchange connection chains: its subject connection's token is got (renewed) first,
      // through the same engine the app uses.
      subjectTokenOf: async (connectionId) =>
        (await app.core.engine.revealToken(repo.get(connectionId).id, {})).accessToken,
    };
  }
  if (changes.clientId === undefined) throw usage('--client-id is required.');
  const input = connectionInputSchema.safeParse({
    name: 'grantline token',
    presetId: v.preset ?? 'generic-oauth2',
    fields: pairs(v.field, '=', '--field'),
    ...changes,
  });
  if (!input.success) {
    const issue = input.error.issues[0];
    throw usage(`${issue?.path.join('.') || 'option'}: ${issue?.message ?? 'invalid'}`);
  }
  return {
    connection: draftConnection(input.data),
    material: { clientSecret: secret, privateKey, ...grant.material },
  };
}

/** `grantline token`: fetch one token (no cache) and print it, or a JSON result. */
export async function runTokenCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: OPTIONS,
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(TOKEN_HELP + '\n');
    return 0;
  }
  try {
    const grant = readGrantFlags(values, io);
    const { connection, material, subjectTokenOf } = await resolveRequest(values, io, grant);
    let spec = await finishGrantSpec(
      await buildTokenRequestSpec(connection, material),
      grant,
      values,
    );
    const exchange = spec.tokenExchange;
    if (exchange?.subjectConnectionId !== undefined && exchange.subjectToken === undefined) {
      if (subjectTokenOf === undefined) {
        throw usage('This token exchange needs a subject token: give --subject-token-env VAR.');
      }
      const subjectToken = await subjectTokenOf(exchange.subjectConnectionId);
      spec = { ...spec, tokenExchange: { ...exchange, subjectToken } };
    }
    const token = await fetchToken(spec);
    io.stdout(
      values.json
        ? JSON.stringify({ ...toCliSuccess(token), ...boundJson(token) }) + '\n'
        : token.accessToken + '\n',
    );
    return 0;
  } catch (error) {
    const appError = toAppError(error);
    if (values.json) io.stdout(JSON.stringify(toCliFailure(appError)) + '\n');
    else
      io.stderr(
        `grantline token: ${appError.message}${appError.hint ? `\n  ${appError.hint}` : ''}\n`,
      );
    return appError.category === 'validation' && !appError.status ? 2 : 1;
  }
}
