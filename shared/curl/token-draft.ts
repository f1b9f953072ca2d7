import { formDecode, formEncode } from './encoding.js';
import { findPlaceholders } from './placeholders.js';
import type { CurlRequest, DraftAuthMethod, NameValue, TokenRequestDraft } from './types.js';
import { isLoopbackHost, splitUrl } from './url.js';

// The wizard sets these itself from the auth method and body encoding.
const MANAGED_HEADERS = new Set(['content-type', 'authorization', 'accept', 'content-length']);
const NAMED_PARAMS = new Set(['client_id', 'client_secret', 'grant_type', 'scope', 'audience']);

/** How a decoded Basic id or secret relates to RFC 6749 §2.3.1 form-encoding. */
type Encoding = 'plain' | 'encoded' | 'raw';

function encodingOf(value: string): Encoding {
  if (formEncode(value) === value) return 'plain';
  // Text that only contains what form-encoding emits, with at least one %XX, was encoded already.
  if (
    /%[0-9A-Fa-f]{2}/.test(value) &&
    /^[A-Za-z0-9*._+%-]*$/.test(value) &&
    formDecode(value) !== undefined
  ) {
    return 'encoded';
  }
  return 'raw';
}

function bodyParams(request: CurlRequest, warnings: string[], changes: string[]): NameValue[] {
  const body = request.body;
  if (body === undefined) return [];
  if (body.kind === 'form') return body.params ?? [];
  if (body.kind === 'raw') {
    warnings.push('The request body is neither form fields nor JSON, so it was not imported.');
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    warnings.push('The JSON body is not an object of parameters, so it was not imported.');
    return [];
  }
  return Object.entries(parsed as Record<string, unknown>).map(([name, value]) => {
    if (typeof value === 'string') return { name, value };
    changes.push(`The JSON parameter ${name} is not a string; imported it as JSON text.`);
    return { name, value: JSON.stringify(value) };
  });
}

/** Drop a value holding a placeholder, asking the user to fill it in instead. */
function filled(value: string | undefined, label: string, warnings: string[]): string | undefined {
  if (value === undefined) return undefined;
  const placeholders = findPlaceholders(value);
  if (placeholders.length === 0) return value;
  const shown = value === placeholders[0] ? '' : ` "${value}"`;
  warnings.push(
    `The ${label}${shown} is a placeholder (${placeholders.join(', ')}); enter the real value.`,
  );
  return undefined;
}

/**
 * Like `filled`, for a client id or secret: only a value that is wholly a placeholder
 * (`{yoursecret}`, `$CLIENT_SECRET`) is dropped, since a real secret may contain `{…}` or `<…>`.
 * A secret is never echoed in a warning.
 */
function credential(
  value: string | undefined,
  label: string,
  warnings: string[],
): string | undefined {
  if (value === undefined) return undefined;
  const placeholders = findPlaceholders(value);
  if (placeholders.length === 0) return value;
  if (placeholders.length === 1 && placeholders[0] === value.trim()) {
    warnings.push(`The ${label} is a placeholder (${value.trim()}); enter the real value.`);
    return undefined;
  }
  warnings.push(
    `The ${label} contains text that looks like a placeholder; check that it is the real value.`,
  );
  return value;
}

/** Map a parsed curl request onto the provider wizard's token-endpoint fields. */
export function toTokenRequestDraft(request: CurlRequest): TokenRequestDraft {
  const warnings: string[] = [];
  const changes: string[] = [];
  const draft: TokenRequestDraft = {
    tokenUrl: request.url,
    authMethod: undefined,
    extraParams: [],
    extraHeaders: [],
    bodyEncoding: request.body?.kind === 'json' ? 'json' : 'form',
    insecureRequested: request.insecure,
    warnings,
    changes,
  };
  const urlPlaceholders = findPlaceholders(request.url);
  if (urlPlaceholders.length > 0) {
    warnings.push(
      `The token URL contains placeholders (${urlPlaceholders.join(', ')}); replace them with your server's values.`,
    );
  }
  const parts = splitUrl(request.url);
  if (parts?.scheme === 'http' && !isLoopbackHost(parts.host)) {
    warnings.push(
      'The token URL uses plain http; credentials would travel unencrypted. Use https.',
    );
  }
  if (request.method !== 'POST') {
    changes.push(`The command uses ${request.method}; token requests are sent as POST.`);
  }
  if (request.insecure) {
    warnings.push(
      "The command turns off certificate checks (-k). Grantline will show the server's certificate and ask whether to trust it instead.",
    );
  }
  if (request.timeoutSeconds !== undefined) draft.timeoutSeconds = request.timeoutSeconds;

  const params = bodyParams(request, warnings, changes);
  const param = (name: string): string | undefined => params.find((p) => p.name === name)?.value;
  for (const p of params) {
    if (NAMED_PARAMS.has(p.name)) continue;
    const value = filled(p.value, `value of ${p.name}`, warnings);
    if (value !== undefined) draft.extraParams.push({ name: p.name, value });
  }
  for (const h of request.headers) {
    if (MANAGED_HEADERS.has(h.name.toLowerCase())) continue;
    const value = filled(h.value, `${h.name} header`, warnings);
    if (value !== undefined) draft.extraHeaders.push({ name: h.name, value });
  }

  const grantType = filled(param('grant_type'), 'grant_type', warnings);
  if (grantType !== undefined) {
    draft.grantType = grantType;
    if (grantType !== 'client_credentials' && grantType.toLowerCase() === 'client_credentials') {
      changes.push(
        `grant_type is "${grantType}", not the standard "client_credentials"; kept as written, since some servers (AppViewX) require their own spelling.`,
      );
    }
  } else if (param('grant_type') === undefined) {
    changes.push('The command sends no grant_type; the wizard will use client_credentials.');
  }
  const scope = filled(param('scope'), 'scope', warnings);
  if (scope !== undefined) draft.scope = scope;
  const audience = filled(param('audience'), 'audience', warnings);
  if (audience !== undefined) draft.audience = audience;

  chooseClientAuth(request, draft, param, warnings, changes);
  return draft;
}

function chooseClientAuth(
  request: CurlRequest,
  draft: TokenRequestDraft,
  param: (name: string) => string | undefined,
  warnings: string[],
  changes: string[],
): void {
  const header = request.headers.filter((h) => h.name.toLowerCase() === 'authorization').at(-1);
  const basicPlaceholder =
    request.basicAuth === undefined && header !== undefined && /^\s*basic\b/i.test(header.value);
  const bodyId = param('client_id');
  const bodySecret = param('client_secret');

  if (request.basicAuth !== undefined || basicPlaceholder) {
    if (bodySecret !== undefined) {
      warnings.push(
        'The command sends the client secret both with HTTP Basic and in the body; servers must reject two methods, so only HTTP Basic was imported.',
      );
    } else if (bodyId !== undefined) {
      changes.push('client_id in the body was dropped: HTTP Basic already carries the client id.');
    }
    if (request.basicAuth === undefined) {
      draft.authMethod = 'client_secret_basic';
      warnings.push(
        'Enter the client id and secret: the Authorization header holds a placeholder.',
      );
      return;
    }
    const basic = basicCredentials(
      request.basicAuth.user,
      request.basicAuth.password,
      warnings,
      changes,
    );
    draft.authMethod = basic.method;
    if (basic.id !== undefined) draft.clientId = basic.id;
    if (basic.secret !== undefined) draft.clientSecret = basic.secret;
    return;
  }

  if (bodyId !== undefined || bodySecret !== undefined) {
    const id = credential(bodyId, 'client_id', warnings);
    const secret = credential(bodySecret, 'client_secret', warnings);
    if (id !== undefined) draft.clientId = id;
    if (secret !== undefined) draft.clientSecret = secret;
    if (bodySecret !== undefined) {
      draft.authMethod = 'client_secret_post';
    } else {
      warnings.push(
        'The body has a client_id but no client_secret; choose how the client authenticates.',
      );
    }
    return;
  }
  warnings.push(
    'No client credentials found in the command; enter the client id and secret and choose an auth method.',
  );
}

function basicCredentials(
  user: string,
  password: string,
  warnings: string[],
  changes: string[],
): { method: DraftAuthMethod; id?: string; secret?: string } {
  let id = user;
  let secret = password;
  if (/\r?\n$/.test(secret) || /\r?\n$/.test(id)) {
    id = id.replace(/\r?\n$/, '');
    secret = secret.replace(/\r?\n$/, '');
    changes.push(
      'The Basic credentials end with a newline, which `echo "id:secret" | base64` adds by mistake; removed it. If the server really expects it, add it back.',
    );
  }
  const checkedId = credential(id, 'client id', warnings);
  const checkedSecret = credential(secret, 'client secret', warnings);
  const result: { method: DraftAuthMethod; id?: string; secret?: string } = {
    method: 'client_secret_basic',
  };
  const idEncoding = checkedId === undefined ? 'plain' : encodingOf(checkedId);
  const secretEncoding = checkedSecret === undefined ? 'plain' : encodingOf(checkedSecret);
  if (idEncoding === 'raw' || secretEncoding === 'raw') {
    const which = [
      idEncoding === 'raw' ? 'client id' : '',
      secretEncoding === 'raw' ? 'client secret' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    changes.push(
      `The ${which} contains characters that RFC 6749 §2.3.1 form-encoding would change (such as # % + / : or a space), and the command sends them unencoded; chose client_secret_basic_raw to send them exactly as the command does.`,
    );
    result.method = 'client_secret_basic_raw';
  } else if (idEncoding === 'encoded' || secretEncoding === 'encoded') {
    changes.push(
      'The Basic credentials look form-encoded (they contain %XX escapes); decoded them and chose client_secret_basic, which encodes them again. If the secret really contains such escapes, switch to client_secret_basic_raw.',
    );
    if (checkedId !== undefined && idEncoding === 'encoded') id = formDecode(checkedId) ?? id;
    if (checkedSecret !== undefined && secretEncoding === 'encoded')
      secret = formDecode(checkedSecret) ?? secret;
  }
  if (checkedId !== undefined) result.id = id;
  if (checkedSecret !== undefined) result.secret = secret;
  if (checkedSecret === '') {
    warnings.push('The Basic credentials have an empty secret; enter it in the wizard.');
    delete result.secret;
  }
  return result;
}
