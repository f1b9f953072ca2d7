import type { Preset } from './types.js';

/** Presets for servers Grantline has no special knowledge of: Keycloak, any OIDC, any OAuth2. */

export const keycloakPreset: Preset = {
  id: 'keycloak',
  name: 'Keycloak',
  description: 'A confidential client with service accounts enabled, in any Keycloak realm.',
  tokenEndpoint: {
    kind: 'template',
    template: '{baseUrl}/realms/{realm}/protocol/openid-connect/token',
  },
  fields: [
    {
      key: 'baseUrl',
      label: 'Keycloak URL',
      kind: 'url',
      required: true,
      placeholder: 'https://sso.example.com',
      help: 'Keycloak 16 and older serve under /auth: then enter https://sso.example.com/auth.',
    },
    {
      key: 'realm',
      label: 'Realm',
      kind: 'segment',
      required: true,
      placeholder: 'master',
    },
  ],
  defaults: {
    authMethod: 'client_secret_basic',
    grantType: 'client_credentials',
    bodyEncoding: 'form',
    timeoutMs: 30_000,
  },
  maxTimeoutMs: 120_000,
  authMethods: [
    'client_secret_basic',
    'client_secret_post',
    'client_secret_jwt',
    'private_key_jwt',
    'tls_client_auth',
  ],
  errorHints: [
    {
      code: 'unauthorized_client',
      category: 'unauthorized_client',
      meaning: 'Keycloak will not give this client a token of its own',
      hint: 'In the client settings turn on "Client authentication" and "Service accounts roles" (older versions: access type confidential, service accounts enabled).',
    },
    {
      code: 'invalid_client',
      category: 'invalid_client',
      meaning: 'Keycloak did not accept the client credentials',
      hint: "Check the client ID and the secret from the client's Credentials tab, and that the client authenticator there matches the method chosen here.",
    },
    {
      status: 404,
      category: 'http',
      meaning: 'Keycloak has no such realm or path',
      hint: 'Check the realm name (it is case-sensitive) and whether your Keycloak needs /auth in the URL.',
    },
  ],
  onboarding: [
    {
      title: 'Create a confidential client',
      body: 'In the realm, create an OpenID Connect client, turn on Client authentication and Service accounts roles, and save. The secret is on the Credentials tab. Grant the service account the roles it needs on the Service accounts roles tab.',
      links: [
        {
          label: 'Keycloak server administration',
          url: 'https://www.keycloak.org/docs/latest/server_admin/',
        },
      ],
    },
  ],
  endpoints: [],
  apiBaseUrls: [],
  docs: [{ label: 'Keycloak documentation', url: 'https://www.keycloak.org/documentation' }],
  notes: ['Keycloak answers token_type "bearer" in lower case; it is the same as Bearer.'],
};

export const genericOidcPreset: Preset = {
  id: 'generic-oidc',
  name: 'OpenID Connect (discovery)',
  description:
    'Any OpenID provider: the token endpoint is read from the issuer’s discovery document.',
  tokenEndpoint: { kind: 'discovery', issuerTemplate: '{issuer}' },
  fields: [
    {
      key: 'issuer',
      label: 'Issuer URL',
      kind: 'url',
      required: true,
      placeholder: 'https://login.example.com/realms/acme',
      help: 'The "iss" of the tokens; Grantline reads <issuer>/.well-known/openid-configuration.',
    },
  ],
  defaults: {
    authMethod: 'client_secret_basic',
    grantType: 'client_credentials',
    bodyEncoding: 'form',
    timeoutMs: 30_000,
  },
  maxTimeoutMs: 900_000,
  authMethods: [
    'client_secret_basic',
    'client_secret_post',
    'client_secret_basic_raw',
    'client_secret_jwt',
    'private_key_jwt',
    'tls_client_auth',
  ],
  errorHints: [],
  onboarding: [
    {
      title: 'Register a client for the client-credentials grant',
      body: 'In your provider, create a confidential (machine-to-machine) client allowed to use the client-credentials grant, and note its ID and secret. Some providers want an audience or a scope such as <resource>/.default: set them in the connection.',
    },
  ],
  endpoints: [],
  apiBaseUrls: [],
  docs: [
    {
      label: 'OpenID Connect Discovery',
      url: 'https://openid.net/specs/openid-connect-discovery-1_0.html',
    },
  ],
  notes: [],
};

export const genericOauth2Preset: Preset = {
  id: 'generic-oauth2',
  name: 'OAuth 2.0 (token URL)',
  description:
    'Any OAuth 2.0 server: type its token URL and adjust the request to what it expects.',
  tokenEndpoint: { kind: 'template', template: '{tokenUrl}' },
  fields: [
    {
      key: 'tokenUrl',
      label: 'Token URL',
      kind: 'url',
      required: true,
      placeholder: 'https://auth.example.com/oauth2/token',
    },
  ],
  defaults: {
    authMethod: 'client_secret_basic',
    grantType: 'client_credentials',
    bodyEncoding: 'form',
    timeoutMs: 30_000,
  },
  maxTimeoutMs: 900_000,
  authMethods: [
    'client_secret_basic',
    'client_secret_post',
    'client_secret_basic_raw',
    'client_secret_jwt',
    'private_key_jwt',
    'tls_client_auth',
  ],
  errorHints: [],
  onboarding: [
    {
      title: 'Describe what the server expects',
      body: 'Set the client authentication method, the body encoding (form or JSON), extra parameters such as audience, and, if the token is not in access_token, the JSON pointer to it (for example /data/token). The connection test tries the other secret methods when the server rejects the client.',
      links: [
        {
          label: 'RFC 6749 §4.4 (client credentials)',
          url: 'https://www.rfc-editor.org/rfc/rfc6749#section-4.4',
        },
      ],
    },
  ],
  endpoints: [],
  apiBaseUrls: [],
  docs: [{ label: 'RFC 6749', url: 'https://www.rfc-editor.org/rfc/rfc6749' }],
  notes: [],
};
