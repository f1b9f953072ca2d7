import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ACCESS_TOKEN_TYPE,
  JWT_BEARER_GRANT,
  TOKEN_EXCHANGE_GRANT,
  type ConnectionInput,
} from '#shared/connection.js';
import { AppError } from '#shared/errors.js';
import { googleCommonScopes } from '#shared/presets/google.js';
import { parseServiceAccountKey } from '#shared/service-account-key.js';
import { createDpopSigner, generateDpopKey } from '../core/tokens/dpop.js';
import type { SecretMaterial, TokenRequestSpec, TokenResult } from '../core/tokens/index.js';
import type { CliIo } from './cli-io.js';

/**
 * `grantline token` flags for the grants beyond client credentials: a Google service-account key
 * file (JWT bearer), DPoP, and token exchange. Parsed here; token-command.ts only merges the result.
 */
export const GRANT_OPTIONS = {
  grant: { type: 'string' },
  'service-account-key': { type: 'string' },
  issuer: { type: 'string' },
  subject: { type: 'string' },
  dpop: { type: 'boolean' },
  'subject-token-env': { type: 'string' },
  'subject-token-type': { type: 'string' },
  'requested-token-type': { type: 'string' },
} as const;

export const GRANT_HELP = `Grants beyond client credentials:
  --grant jwt-bearer       JWT bearer grant (RFC 7523): sign an assertion instead of sending a secret
  --service-account-key FILE
                           a Google service-account JSON key file; its token_uri is the default
                           token URL, client_email the issuer, private_key_id the kid
  --issuer ISS             assertion issuer with --grant jwt-bearer --private-key FILE (default:
                           the client ID)
  --subject USER           assertion subject: the user to act for (Google domain-wide delegation)
  --grant token-exchange   RFC 8693: exchange the token in --subject-token-env for another
  --subject-token-env VAR  read the subject token from environment variable VAR
  --subject-token-type T   default urn:ietf:params:oauth:token-type:access_token
  --requested-token-type T the token type to ask for
  --dpop                   bind the token to a DPoP key (RFC 9449): the connection's key with
                           --connection, otherwise a key made for this call

Common Google scopes (--scope, several separated by spaces):
${googleCommonScopes.map(({ scope, label }) => `  ${scope}\n                           ${label}`).join('\n')}`;

type GrantValues = {
  [K in keyof typeof GRANT_OPTIONS]?: (typeof GRANT_OPTIONS)[K]['type'] extends 'boolean'
    ? boolean
    : string;
} & {
  preset?: string | undefined;
  'token-url'?: string | undefined;
  'private-key'?: string | undefined;
  scope?: string | undefined;
  connection?: string | undefined;
};

/** What the grant flags add to a token request. */
export interface GrantFlags {
  /** Settings for the connection (as the app's form would send them). */
  changes: Partial<ConnectionInput>;
  /** Secrets read from files (the key file's private key). */
  material: Partial<SecretMaterial>;
  subjectToken: string | undefined;
  dpop: boolean;
}

const usage = (message: string, hint?: string): AppError =>
  new AppError('validation', message, {
    hint: hint ?? 'Run "grantline token --help" for every option.',
  });

function readKeyFile(path: string): string {
  try {
    return readFileSync(resolve(path), 'utf8');
  } catch (error) {
    throw usage(
      `--service-account-key: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
}

/** Read the grant flags; throws a usage error for a combination that cannot work. */
export function readGrantFlags(v: GrantValues, io: CliIo): GrantFlags {
  const out: GrantFlags = {
    changes: {},
    material: {},
    subjectToken: undefined,
    dpop: v.dpop === true,
  };
  const google = v.preset === 'google-service-account';
  if (v.grant !== undefined && v.grant !== 'jwt-bearer' && v.grant !== 'token-exchange') {
    throw usage(`--grant must be jwt-bearer or token-exchange, not "${v.grant}".`);
  }
  const keyFile = v['service-account-key'];
  if (google && keyFile === undefined && v.connection === undefined) {
    throw usage('--preset google-service-account needs --service-account-key FILE.');
  }
  if (v.grant === 'jwt-bearer' || google || keyFile !== undefined) {
    if (v.grant === 'token-exchange') {
      throw usage('--service-account-key goes with the JWT bearer grant, not token exchange.');
    }
    if (keyFile !== undefined) {
      let key;
      try {
        key = parseServiceAccountKey(readKeyFile(keyFile));
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw usage(`--service-account-key: ${(error as Error).message}`);
      }
      out.material.privateKey = key.privateKey;
      out.changes = {
        clientId: key.clientEmail,
        tokenUrl: v['token-url'] ?? key.tokenUri,
        authMethod: 'none',
        grantType: JWT_BEARER_GRANT,
        jwtBearer: {
          profile: 'google',
          alg: 'RS256',
          kid: key.privateKeyId,
          issuer: key.clientEmail,
          ...(v.subject !== undefined ? { subject: v.subject } : {}),
          lifetimeSec: 3600,
          ...(key.projectId !== undefined ? { projectId: key.projectId } : {}),
        },
      };
      if (v.scope === undefined || v.scope.trim() === '') {
        throw usage(
          'A service account needs --scope, e.g. --scope https://www.googleapis.com/auth/cloud-platform.',
        );
      }
    } else if (v.connection === undefined) {
      if (v['private-key'] === undefined) {
        throw usage('--grant jwt-bearer needs --service-account-key FILE or --private-key FILE.');
      }
      out.changes = {
        authMethod: 'none',
        grantType: JWT_BEARER_GRANT,
        jwtBearer: {
          profile: 'rfc7523',
          alg: 'RS256',
          ...(v.issuer !== undefined ? { issuer: v.issuer } : {}),
          ...(v.subject !== undefined ? { subject: v.subject } : {}),
          lifetimeSec: 300,
        },
      };
    }
  } else if (v.subject !== undefined || v.issuer !== undefined) {
    throw usage('--subject and --issuer go with --grant jwt-bearer.');
  }

  const exchangeFlags = [
    'subject-token-env',
    'subject-token-type',
    'requested-token-type',
  ] as const;
  if (v.grant === 'token-exchange') {
    const name = v['subject-token-env'];
    if (name === undefined) throw usage('--grant token-exchange needs --subject-token-env VAR.');
    const token = io.env[name];
    if (token === undefined || token.trim() === '') {
      throw usage(`Environment variable ${name} is not set or empty.`);
    }
    out.subjectToken = token.trim();
    out.changes.grantType = TOKEN_EXCHANGE_GRANT;
  } else if (exchangeFlags.some((f) => v[f] !== undefined)) {
    throw usage(
      `--${exchangeFlags.find((f) => v[f] !== undefined)} goes with --grant token-exchange.`,
    );
  }
  return out;
}

/** Put the per-call parts into the spec: the subject token, and a DPoP key when asked for. */
export async function finishGrantSpec(
  spec: TokenRequestSpec,
  flags: GrantFlags,
  values: {
    'subject-token-type'?: string | undefined;
    'requested-token-type'?: string | undefined;
  },
): Promise<TokenRequestSpec> {
  let out = spec;
  if (flags.subjectToken !== undefined) {
    out = {
      ...out,
      tokenExchange: {
        subjectToken: flags.subjectToken,
        subjectTokenType: values['subject-token-type'] ?? ACCESS_TOKEN_TYPE,
        requestedTokenType: values['requested-token-type'],
      },
    };
  }
  if (flags.dpop && out.dpop === undefined) {
    out = { ...out, dpop: await createDpopSigner(await generateDpopKey()) };
  }
  return out;
}

/** The `--json` fields of a bound token: `cnf` from the token's claims, `dpop_jkt` for DPoP. */
export function boundJson(token: TokenResult): { cnf?: unknown; dpop_jkt?: string } {
  const cnf = token.claims?.cnf;
  return {
    ...(cnf !== undefined ? { cnf } : {}),
    ...(token.dpop !== undefined ? { dpop_jkt: token.dpop.jkt } : {}),
  };
}
