import type { ErrorCategory } from '../errors.js';
import type { ApiBaseUrl, AuthMethod, BodyEncoding, ResponseMapping } from '../connection.js';

/**
 * A preset is data: everything Grantline knows about one platform, with no code branches.
 * The wizard renders its fields and onboarding steps, the engine takes its defaults, response
 * mapping and error table, and the composer offers its endpoint catalog.
 */

/** How a field's value is checked and inserted into the token URL template. */
export type PresetFieldKind =
  | 'host' // a host name or IP address, no scheme, no port
  | 'port' // 1–65535
  | 'url' // a full http(s) URL, inserted without its trailing slash
  | 'segment' // one path segment, percent-encoded when inserted
  | 'text'; // free text, percent-encoded when inserted

export interface PresetField {
  key: string;
  label: string;
  kind: PresetFieldKind;
  required: boolean;
  placeholder?: string;
  default?: string;
  help?: string;
}

/** Where the token endpoint comes from: a URL template or OpenID Connect discovery. */
export type TokenEndpointTemplate =
  | {
      kind: 'template';
      /** `{field}` inserts a field; `{:field}` inserts `:value`, or nothing when the field is empty. */
      template: string;
    }
  | { kind: 'discovery'; issuerTemplate: string };

export interface PresetDefaults {
  authMethod: AuthMethod;
  grantType: string;
  bodyEncoding: BodyEncoding;
  timeoutMs: number;
  scope?: string;
  audience?: string;
  resource?: string;
  /** Values may use `{field}` placeholders, e.g. WSO2's `Host: {virtualHost}`. */
  extraHeaders?: Record<string, string>;
  extraBodyParams?: Record<string, string>;
  extraQueryParams?: Record<string, string>;
  responseMapping?: ResponseMapping;
}

/**
 * One line of a preset's error table. A rule matches on the provider's error code, its HTTP status,
 * or both; the first matching rule decides the category and the hint the user sees.
 */
export interface ErrorHintRule {
  code?: string;
  status?: number;
  /** Also require the provider's message to match (regular expression, case-insensitive). */
  messagePattern?: string;
  category: ErrorCategory;
  /** What the code means, in plain words (shown as the error message's headline). */
  meaning?: string;
  hint: string;
}

export interface CopyableCommand {
  label?: string;
  command: string;
}

export interface DocLink {
  label: string;
  url: string;
}

export interface OnboardingStep {
  title: string;
  body: string;
  commands?: CopyableCommand[];
  links?: DocLink[];
}

export interface CatalogQueryParam {
  name: string;
  value: string;
  description?: string;
}

/** A first request for the composer, taken from the platform's own documentation. */
export interface CatalogEndpoint {
  id: string;
  name: string;
  description: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  baseUrl: string;
  path: string;
  query?: CatalogQueryParam[];
  headers?: Record<string, string>;
  docUrl?: string;
  /** A GraphQL endpoint: the draft gets a GraphQL body with this document (method POST). */
  graphql?: { query: string; variables?: string };
}

export interface Preset {
  id: string;
  name: string;
  /** One line for the preset picker. */
  description: string;
  tokenEndpoint: TokenEndpointTemplate;
  fields: PresetField[];
  defaults: PresetDefaults;
  /** Upper bound the form allows for the request timeout. */
  maxTimeoutMs: number;
  /** Methods the platform accepts, most likely first; the form offers these. */
  authMethods: AuthMethod[];
  errorHints: ErrorHintRule[];
  onboarding: OnboardingStep[];
  endpoints: CatalogEndpoint[];
  apiBaseUrls: ApiBaseUrl[];
  docs: DocLink[];
  /** Quirks worth knowing before the first request. */
  notes: string[];
}
