/** One HTTP header or form parameter, kept in the order the command gave it. */
export interface NameValue {
  name: string;
  value: string;
}

/** How a request body was read: form fields, a JSON document, or opaque text. */
export type CurlBodyKind = 'form' | 'json' | 'raw';

/** The body curl would send, with form fields split out when it is a form. */
export interface CurlBody {
  kind: CurlBodyKind;
  /** Exactly what curl would send (after --data-urlencode encoding and joining with `&`). */
  text: string;
  /** Decoded fields, only for `kind: 'form'`. */
  params?: NameValue[];
}

/** HTTP Basic credentials, from -u/--user or decoded from an `Authorization: Basic …` header. */
export interface CurlBasicAuth {
  user: string;
  /** As decoded, including any trailing newline (see `trailingNewline`). */
  password: string;
  source: 'user-option' | 'authorization-header';
  /** The decoded value ended in a newline, as `echo "id:secret" | base64` produces. */
  trailingNewline: boolean;
}

/** A client certificate named by --cert/--key (file paths only; nothing is read). */
export interface CurlClientCert {
  certFile?: string;
  keyFile?: string;
  /** From `--cert file:passphrase` or `--pass`. */
  passphrase?: string;
}

/** The request a curl command describes, as far as Grantline understands it. */
export interface CurlRequest {
  method: string;
  url: string;
  headers: NameValue[];
  body?: CurlBody;
  basicAuth?: CurlBasicAuth;
  /** -k/--insecure was given: reported so the UI can ask about trust, never applied silently. */
  insecure: boolean;
  followRedirects: boolean;
  compressed: boolean;
  timeoutSeconds?: number;
  connectTimeoutSeconds?: number;
  /** --max-filesize, in bytes. */
  maxFileSizeBytes?: number;
  /** --cacert file path. */
  caCert?: string;
  clientCert?: CurlClientCert;
}

/** An option or piece of input that was not imported, and why. */
export interface CurlUnsupported {
  option: string;
  reason: string;
}

/** What parsing a pasted command gives: the request with notes, or an error saying what to fix. */
export type CurlParseResult =
  | { ok: true; request: CurlRequest; notes: string[]; unsupported: CurlUnsupported[] }
  | { ok: false; error: { message: string; hint: string } };

/** How the token draft authenticates the client (a subset of the connection's auth methods). */
export type DraftAuthMethod =
  'client_secret_basic' | 'client_secret_basic_raw' | 'client_secret_post';

/** A token-endpoint draft for the provider wizard, derived from a parsed curl request. */
export interface TokenRequestDraft {
  tokenUrl: string;
  authMethod: DraftAuthMethod | undefined;
  clientId?: string;
  clientSecret?: string;
  grantType?: string;
  scope?: string;
  audience?: string;
  extraParams: NameValue[];
  extraHeaders: NameValue[];
  bodyEncoding: 'form' | 'json';
  insecureRequested: boolean;
  timeoutSeconds?: number;
  /** What could not be imported or needs the user's eye (placeholders, dropped values…). */
  warnings: string[];
  /** What was imported but adjusted on the way (a newline removed, a method chosen…). */
  changes: string[];
}
