import { dataUrlencode } from './body.js';
import type { OptionSpec } from './options.js';
import type { CurlClientCert, CurlUnsupported, NameValue } from './types.js';

/** Everything the options said, before defaults and cross-option rules are applied. */
export interface RequestBuilder {
  method: string | undefined;
  urls: string[];
  headers: NameValue[];
  /** Data pieces in order; `joiner` is what curl puts before the piece (`&`, or nothing for --json). */
  data: { text: string; joiner: '&' | '' }[];
  json: boolean;
  form: NameValue[];
  user: string | undefined;
  get: boolean;
  head: boolean;
  insecure: boolean;
  follow: boolean;
  compressed: boolean;
  timeoutSeconds: number | undefined;
  connectTimeoutSeconds: number | undefined;
  maxFileSizeBytes: number | undefined;
  caCert: string | undefined;
  clientCert: CurlClientCert | undefined;
  notes: string[];
  unsupported: CurlUnsupported[];
}

/** An empty builder: curl's defaults. */
export function newBuilder(): RequestBuilder {
  return {
    method: undefined,
    urls: [],
    headers: [],
    data: [],
    json: false,
    form: [],
    user: undefined,
    get: false,
    head: false,
    insecure: false,
    follow: false,
    compressed: false,
    timeoutSeconds: undefined,
    connectTimeoutSeconds: undefined,
    maxFileSizeBytes: undefined,
    caCert: undefined,
    clientCert: undefined,
    notes: [],
    unsupported: [],
  };
}

const FROM_FILE =
  'reads from a file, which import cannot do; paste the contents instead (for example with --data-raw).';

/** Record one option and its value (undefined for flags) on the builder. */
export function applyOption(
  b: RequestBuilder,
  spec: OptionSpec,
  written: string,
  value: string | undefined,
  negated: boolean,
): void {
  const v = value ?? '';
  const skip = (reason: string): void => {
    b.unsupported.push({ option: written, reason });
  };
  switch (spec.action) {
    case 'method': {
      const method = v.trim().toUpperCase();
      if (method !== v) b.notes.push(`${written} ${v}: sent as ${method}.`);
      else b.notes.push(`${written} ${method}: request method.`);
      b.method = method;
      return;
    }
    case 'header':
      return addHeader(b, written, v);
    case 'data':
    case 'data-binary':
    case 'json':
      if (v.startsWith('@')) return skip(`${written} @… ${FROM_FILE}`);
      b.data.push({ text: v, joiner: spec.action === 'json' ? '' : '&' });
      if (spec.action === 'json') b.json = true;
      b.notes.push(`${written}: request body data.`);
      return;
    case 'data-raw':
      b.data.push({ text: v, joiner: '&' });
      b.notes.push(`${written}: request body data, taken literally.`);
      return;
    case 'data-urlencode': {
      const part = dataUrlencode(v);
      if (!part.ok) return skip(`${written} name@file ${FROM_FILE} Use name=value.`);
      b.data.push({ text: part.text, joiner: '&' });
      b.notes.push(`${written}: value percent-encoded as curl does.`);
      return;
    }
    case 'form':
    case 'form-string': {
      const eq = v.indexOf('=');
      const content = eq < 0 ? '' : v.slice(eq + 1);
      if (eq <= 0) return skip(`${written} needs name=value.`);
      if (spec.action === 'form' && /^[@<]/.test(content)) {
        return skip(`${written} with a file upload ${FROM_FILE}`);
      }
      b.form.push({ name: v.slice(0, eq), value: content });
      return;
    }
    case 'user':
      b.user = v;
      b.notes.push(`${written}: HTTP Basic credentials.`);
      return;
    case 'url':
      b.urls.push(v);
      return;
    case 'max-time':
    case 'connect-timeout': {
      const seconds = Number(v.trim());
      if (v.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
        return skip(`${written} needs a number of seconds.`);
      }
      if (spec.action === 'max-time') b.timeoutSeconds = seconds;
      else b.connectTimeoutSeconds = seconds;
      b.notes.push(`${written} ${seconds}: timeout in seconds.`);
      return;
    }
    case 'max-filesize': {
      const bytes = parseCurlSize(v);
      if (bytes === undefined) return skip(`${written} needs a size in bytes, e.g. 100M or 2G.`);
      b.maxFileSizeBytes = bytes;
      b.notes.push(`${written} ${v.trim()}: largest response to accept.`);
      return;
    }
    case 'cacert':
      b.caCert = v;
      b.notes.push(
        `${written}: CA certificate file to trust (choose it again in the connection settings).`,
      );
      return;
    case 'cert': {
      // curl's `--cert file:passphrase`; a Windows drive letter's colon is part of the path.
      const m = /^([A-Za-z]:[\\/])?([^:]*)(?::(.*))?$/s.exec(v);
      const certFile = (m?.[1] ?? '') + (m?.[2] ?? v);
      b.clientCert = { ...b.clientCert, certFile };
      if (m?.[3] !== undefined) b.clientCert.passphrase = m[3];
      b.notes.push(`${written}: client certificate file.`);
      return;
    }
    case 'key':
      b.clientCert = { ...b.clientCert, keyFile: v };
      b.notes.push(`${written}: client private key file.`);
      return;
    case 'pass':
      b.clientCert = { ...b.clientCert, passphrase: v };
      return;
    case 'user-agent':
      b.headers.push({ name: 'User-Agent', value: v });
      b.notes.push(`${written}: sent as a User-Agent header.`);
      return;
    case 'referer':
      b.headers.push({ name: 'Referer', value: v.replace(/;auto$/, '') });
      b.notes.push(`${written}: sent as a Referer header.`);
      return;
    case 'oauth2-bearer':
      b.headers.push({ name: 'Authorization', value: `Bearer ${v}` });
      b.notes.push(`${written}: sent as an Authorization: Bearer header.`);
      return;
    case 'cookie':
      if (!v.includes('=')) return skip(`${written} without name=value ${FROM_FILE}`);
      b.headers.push({ name: 'Cookie', value: v });
      b.notes.push(`${written}: sent as a Cookie header.`);
      return;
    case 'insecure':
      b.insecure = !negated;
      if (!negated) {
        b.notes.push(
          `${written}: the command skips TLS certificate checks. Grantline does not copy that; it will ask how to trust the server's certificate.`,
        );
      }
      return;
    case 'location':
      b.follow = !negated;
      b.notes.push(`${written}: follow redirects (credentials are never sent to another origin).`);
      return;
    case 'get':
      b.get = !negated;
      return;
    case 'head':
      b.head = !negated;
      return;
    case 'compressed':
      b.compressed = !negated;
      b.notes.push(`${written}: accept a compressed response.`);
      return;
    case 'basic':
      b.notes.push(`${written}: HTTP Basic is curl's default; nothing to change.`);
      return;
    case 'ignore':
      b.notes.push(`${written}: ignored. ${spec.why ?? ''}`.trim());
      return;
    case 'unsupported':
      return skip(spec.why ?? 'Not supported.');
  }
}

function addHeader(b: RequestBuilder, written: string, raw: string): void {
  if (raw.startsWith('@')) {
    b.unsupported.push({ option: `${written} @…`, reason: `Headers from a file: ${FROM_FILE}` });
    return;
  }
  const colon = raw.indexOf(':');
  const semi = raw.indexOf(';');
  if (colon > 0 && (semi < 0 || colon < semi)) {
    const name = raw.slice(0, colon).trim();
    const value = raw.slice(colon + 1).trim();
    if (value === '') {
      // `-H 'Name:'` tells curl to drop a header it would add; there is nothing to send.
      b.notes.push(`${written} '${name}:' only removes a header curl would add; nothing imported.`);
      return;
    }
    b.headers.push({ name, value });
    return;
  }
  if (semi > 0 && raw.slice(semi + 1).trim() === '') {
    b.headers.push({ name: raw.slice(0, semi).trim(), value: '' });
    return;
  }
  b.unsupported.push({ option: written, reason: 'Not a "Name: value" header.' });
}

/** curl's size syntax: bytes with an optional k, M or G suffix (powers of 1024), e.g. `100M`. */
export function parseCurlSize(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([kKmMgG]?)$/.exec(value.trim());
  if (!m) return undefined;
  const power = { '': 0, k: 1, m: 2, g: 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  const bytes = Math.round(Number(m[1]) * 1024 ** power);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}
