/**
 * The curl options Grantline knows, as data: which take a value, and what import does with
 * them. Options curl has but Grantline cannot honour are listed too, so they are reported with
 * a reason and their values are not mistaken for URLs.
 */

/** What import does with an option. */
export type OptionAction =
  | 'method'
  | 'header'
  | 'data'
  | 'data-raw'
  | 'data-binary'
  | 'data-urlencode'
  | 'json'
  | 'form'
  | 'form-string'
  | 'user'
  | 'url'
  | 'max-time'
  | 'connect-timeout'
  | 'max-filesize'
  | 'cacert'
  | 'cert'
  | 'key'
  | 'pass'
  | 'user-agent'
  | 'referer'
  | 'oauth2-bearer'
  | 'cookie'
  | 'insecure'
  | 'location'
  | 'get'
  | 'head'
  | 'compressed'
  | 'basic'
  | 'ignore'
  | 'unsupported';

/** One curl option. */
export interface OptionSpec {
  long: string;
  short?: string;
  takesValue: boolean;
  action: OptionAction;
  /** For 'ignore' and 'unsupported': why, in a sentence the user can act on. */
  why?: string;
}

const OUTPUT = 'Only changes what curl prints or saves; it does not change the request.';
const TUNING = 'A transfer tuning option of curl; Grantline uses its own settings.';
const TLS_VERSION = 'Grantline negotiates TLS itself and never offers versions below TLS 1.2.';
const AUTH_SCHEME =
  'Grantline authenticates token requests with client credentials (Basic or form body), not this scheme.';
const NETWORK =
  'Network routing (proxies, name overrides, sockets) is not part of an imported request.';

const table: OptionSpec[] = [
  { long: 'request', short: 'X', takesValue: true, action: 'method' },
  { long: 'header', short: 'H', takesValue: true, action: 'header' },
  { long: 'data', short: 'd', takesValue: true, action: 'data' },
  { long: 'data-ascii', takesValue: true, action: 'data' },
  { long: 'data-raw', takesValue: true, action: 'data-raw' },
  { long: 'data-binary', takesValue: true, action: 'data-binary' },
  { long: 'data-urlencode', takesValue: true, action: 'data-urlencode' },
  { long: 'json', takesValue: true, action: 'json' },
  { long: 'form', short: 'F', takesValue: true, action: 'form' },
  { long: 'form-string', takesValue: true, action: 'form-string' },
  { long: 'user', short: 'u', takesValue: true, action: 'user' },
  { long: 'url', takesValue: true, action: 'url' },
  { long: 'max-time', short: 'm', takesValue: true, action: 'max-time' },
  { long: 'connect-timeout', takesValue: true, action: 'connect-timeout' },
  { long: 'max-filesize', takesValue: true, action: 'max-filesize' },
  { long: 'cacert', takesValue: true, action: 'cacert' },
  { long: 'cert', short: 'E', takesValue: true, action: 'cert' },
  { long: 'key', takesValue: true, action: 'key' },
  { long: 'pass', takesValue: true, action: 'pass' },
  { long: 'user-agent', short: 'A', takesValue: true, action: 'user-agent' },
  { long: 'referer', short: 'e', takesValue: true, action: 'referer' },
  { long: 'oauth2-bearer', takesValue: true, action: 'oauth2-bearer' },
  { long: 'cookie', short: 'b', takesValue: true, action: 'cookie' },
  { long: 'insecure', short: 'k', takesValue: false, action: 'insecure' },
  { long: 'location', short: 'L', takesValue: false, action: 'location' },
  { long: 'get', short: 'G', takesValue: false, action: 'get' },
  { long: 'head', short: 'I', takesValue: false, action: 'head' },
  { long: 'compressed', takesValue: false, action: 'compressed' },
  { long: 'basic', takesValue: false, action: 'basic' },
  // Output and diagnostics: recognised and ignored.
  ...[
    'silent/s',
    'show-error/S',
    'verbose/v',
    'include/i',
    'fail/f',
    'fail-with-body',
    'progress-bar/#',
  ]
    .concat([
      'no-progress-meter',
      'remote-name/O',
      'remote-header-name/J',
      'create-dirs',
      'no-buffer/N',
    ])
    .concat(['styled-output', 'fail-early', 'globoff/g', 'path-as-is', 'raw', 'tcp-nodelay'])
    .map((n) => flag(n, 'ignore', OUTPUT)),
  ...[
    'output/o',
    'write-out/w',
    'dump-header/D',
    'trace',
    'trace-ascii',
    'stderr',
    'cookie-jar/c',
  ].map((n) => valued(n, 'ignore', OUTPUT)),
  ...['max-redirs', 'retry', 'retry-delay', 'retry-max-time', 'limit-rate', 'speed-limit/Y']
    .concat(['speed-time/y', 'expect100-timeout', 'keepalive-time', 'cert-type', 'key-type'])
    .map((n) => valued(n, 'ignore', TUNING)),
  ...['http1.0/0', 'http1.1', 'http2', 'http2-prior-knowledge', 'http3', 'ipv4/4', 'ipv6/6']
    .concat(['no-keepalive', 'no-sessionid', 'ssl', 'ssl-reqd', 'no-alpn', 'no-npn'])
    .map((n) => flag(n, 'ignore', TUNING)),
  ...['tlsv1/1', 'tlsv1.0', 'tlsv1.1', 'tlsv1.2', 'tlsv1.3', 'sslv2/2', 'sslv3/3'].map((n) =>
    flag(n, 'ignore', TLS_VERSION),
  ),
  ...['digest', 'ntlm', 'negotiate', 'anyauth', 'ntlm-wb'].map((n) =>
    flag(n, 'unsupported', AUTH_SCHEME),
  ),
  valued('aws-sigv4', 'unsupported', AUTH_SCHEME),
  ...['proxy/x', 'proxy-user/U', 'resolve', 'connect-to', 'noproxy', 'socks5', 'socks5-hostname']
    .concat(['interface', 'unix-socket', 'abstract-unix-socket', 'dns-servers', 'preproxy'])
    .map((n) => valued(n, 'unsupported', NETWORK)),
  flag('proxytunnel/p', 'unsupported', NETWORK),
  flag(
    'location-trusted',
    'unsupported',
    'It sends credentials to other hosts after a redirect, which Grantline never does.',
  ),
  ...['netrc/n', 'netrc-optional'].map((n) =>
    flag(
      n,
      'unsupported',
      'Credentials from ~/.netrc cannot be imported; enter them in the wizard.',
    ),
  ),
  valued(
    'netrc-file',
    'unsupported',
    'Credentials from a netrc file cannot be imported; enter them in the wizard.',
  ),
  valued('upload-file/T', 'unsupported', 'Uploading a file is not part of a token request.'),
  valued(
    'config/K',
    'unsupported',
    'Options read from a config file cannot be imported; paste them instead.',
  ),
  valued(
    'capath',
    'unsupported',
    'A CA directory cannot be imported; choose a CA file in the connection settings.',
  ),
  valued('crlfile', 'unsupported', 'Certificate revocation lists are not supported.'),
  valued('pinnedpubkey', 'unsupported', 'Pin the certificate in the connection settings instead.'),
  valued('ciphers', 'unsupported', TLS_VERSION),
  valued('range/r', 'unsupported', 'Byte ranges are not supported.'),
  valued('variable', 'unsupported', 'curl variables are not expanded on import.'),
  valued('url-query', 'unsupported', 'Add the query parameters to the URL instead.'),
  valued('request-target', 'unsupported', 'A custom request target is not supported.'),
  flag('next/:', 'unsupported', 'Only the first request of a multi-request command is imported.'),
];

function split(nameAndShort: string): { long: string; short?: string } {
  const [long = nameAndShort, short] = nameAndShort.split('/');
  return short === undefined ? { long } : { long, short };
}

function flag(nameAndShort: string, action: OptionAction, why: string): OptionSpec {
  return { ...split(nameAndShort), takesValue: false, action, why };
}

function valued(nameAndShort: string, action: OptionAction, why: string): OptionSpec {
  return { ...split(nameAndShort), takesValue: true, action, why };
}

const byLong = new Map(table.map((spec) => [spec.long, spec]));
const byShort = new Map(
  table.filter((spec) => spec.short !== undefined).map((spec) => [spec.short as string, spec]),
);

/** The option spec for a long name (without the leading `--`). */
export function longOption(name: string): OptionSpec | undefined {
  return byLong.get(name);
}

/** The option spec for a short letter (without the leading `-`). */
export function shortOption(letter: string): OptionSpec | undefined {
  return byShort.get(letter);
}
