/** What the inspector knows about one claim or header parameter name. */
export interface ClaimInfo {
  label: string;
  /** One line, in plain words. */
  meaning: string;
  /** Where the name is defined or who uses it, e.g. `RFC 7519`, `OpenID Connect`, `Keycloak`. */
  source: string;
  /** Claims holding a NumericDate get local/UTC/relative renderings. */
  time?: true;
}

/** One catalog row: name, label, one-line meaning, source, and whether it holds a time. */
export type CatalogEntry = [
  name: string,
  label: string,
  meaning: string,
  source: string,
  time?: true,
];

const CLAIMS: CatalogEntry[] = [
  // RFC 7519 §4.1 registered claims
  [
    'iss',
    'Issuer',
    'Who issued the token: the identity provider (for Keycloak, the realm URL).',
    'RFC 7519',
  ],
  [
    'sub',
    'Subject',
    'Whom the token is about; for a client-credentials token, the service account or client.',
    'RFC 7519',
  ],
  [
    'aud',
    'Audience',
    'The API(s) the token is meant for; an API must refuse a token not addressed to it.',
    'RFC 7519',
  ],
  [
    'exp',
    'Expiration time',
    'The token must not be accepted at or after this time.',
    'RFC 7519',
    true,
  ],
  ['nbf', 'Not before', 'The token must not be accepted before this time.', 'RFC 7519', true],
  ['iat', 'Issued at', 'When the token was issued.', 'RFC 7519', true],
  [
    'jti',
    'JWT ID',
    'Unique identifier of this token, used to detect replay or to revoke it.',
    'RFC 7519',
  ],
  // OAuth 2.0 access-token profiles
  [
    'client_id',
    'Client ID',
    'The OAuth client (service account) that requested the token.',
    'RFC 9068',
  ],
  ['scope', 'Scope', 'The permissions granted, space-separated.', 'RFC 8693 / RFC 9068'],
  [
    'scp',
    'Scopes',
    'The permissions granted, as a list (Okta, Azure AD) instead of a scope string.',
    'Okta / Azure AD',
  ],
  ['roles', 'Roles', 'Roles granted to the subject.', 'RFC 9068'],
  ['groups', 'Groups', 'Groups the subject belongs to.', 'RFC 9068'],
  ['entitlements', 'Entitlements', 'Individual entitlements of the subject.', 'RFC 9068'],
  [
    'cnf',
    'Confirmation',
    'Binds the token to a key or certificate (DPoP, mTLS): only its holder may use the token.',
    'RFC 7800',
  ],
  [
    'act',
    'Actor',
    'Who is acting on behalf of the subject (delegation, token exchange).',
    'RFC 8693',
  ],
  ['may_act', 'May act', 'Who is allowed to act on behalf of the subject.', 'RFC 8693'],
  [
    'authorization_details',
    'Authorization details',
    'Fine-grained permissions requested with Rich Authorization Requests.',
    'RFC 9396',
  ],
  // OpenID Connect
  ['azp', 'Authorized party', 'The client the token was issued to.', 'OpenID Connect'],
  [
    'auth_time',
    'Authentication time',
    'When the subject last authenticated.',
    'OpenID Connect',
    true,
  ],
  [
    'nonce',
    'Nonce',
    'Value from the login request that ties an ID token to it (replay protection).',
    'OpenID Connect',
  ],
  [
    'acr',
    'Authentication context',
    'How strongly the subject authenticated (Keycloak: "1" for one factor).',
    'OpenID Connect',
  ],
  [
    'amr',
    'Authentication methods',
    'How the subject authenticated, e.g. pwd, otp, mfa.',
    'RFC 8176',
  ],
  [
    'sid',
    'Session ID',
    "The identity provider's login session this token belongs to.",
    'OpenID Connect',
  ],
  [
    'at_hash',
    'Access token hash',
    'Ties an ID token to the access token issued with it.',
    'OpenID Connect',
  ],
  [
    'c_hash',
    'Code hash',
    'Ties an ID token to the authorization code issued with it.',
    'OpenID Connect',
  ],
  ['name', 'Name', 'Full name of the subject.', 'OpenID Connect'],
  ['given_name', 'Given name', 'First name of the subject.', 'OpenID Connect'],
  ['family_name', 'Family name', 'Last name of the subject.', 'OpenID Connect'],
  [
    'preferred_username',
    'Preferred username',
    'Short name of the subject; Keycloak writes "service-account-<client>" for service accounts.',
    'OpenID Connect',
  ],
  ['email', 'Email', 'Email address of the subject.', 'OpenID Connect'],
  [
    'email_verified',
    'Email verified',
    'Whether the identity provider has verified the email address.',
    'OpenID Connect',
  ],
  ['locale', 'Locale', "The subject's preferred language and region.", 'OpenID Connect'],
  ['zoneinfo', 'Time zone', "The subject's time zone.", 'OpenID Connect'],
  ['updated_at', 'Updated at', "When the subject's profile last changed.", 'OpenID Connect', true],
  ['phone_number', 'Phone number', 'Phone number of the subject.', 'OpenID Connect'],
  // Keycloak (Axway Amplify and Support run on a Keycloak realm)
  [
    'typ',
    'Token type',
    'Keycloak\'s token type: "Bearer" for access tokens, "ID" for ID tokens, "Refresh" for refresh tokens.',
    'Keycloak',
  ],
  ['realm_access', 'Realm roles', 'Roles granted at realm level, as { roles: [...] }.', 'Keycloak'],
  [
    'resource_access',
    'Client roles',
    'Roles granted per client, as { <client>: { roles: [...] } }.',
    'Keycloak',
  ],
  [
    'allowed-origins',
    'Allowed origins',
    'Web origins the client may call from (CORS).',
    'Keycloak',
  ],
  [
    'session_state',
    'Session state',
    'Keycloak login session identifier (older name for sid).',
    'Keycloak',
  ],
  [
    'clientId',
    'Client ID',
    'The client the token was issued to (Keycloak service accounts, WSO2, AppViewX).',
    'Keycloak / WSO2 / AppViewX',
  ],
  [
    'clientHost',
    'Client host',
    'Host the service-account client requested the token from.',
    'Keycloak',
  ],
  [
    'clientAddress',
    'Client address',
    'IP address the service-account client requested the token from.',
    'Keycloak',
  ],
  // WSO2
  [
    'aut',
    'Authorized user type',
    'WSO2: APPLICATION for a client-credentials token, APPLICATION_USER when a user is involved.',
    'WSO2',
  ],
  ['keytype', 'Key type', 'WSO2: whether the token came from PRODUCTION or SANDBOX keys.', 'WSO2'],
  // AppViewX
  [
    'grant type',
    'Grant type',
    'AppViewX: the grant the token was obtained with, e.g. client_credentials.',
    'AppViewX',
  ],
  // Multi-tenant platforms
  [
    'tenant',
    'Tenant',
    'The tenant (organization) whose data the token gives access to.',
    'Multi-tenant platforms',
  ],
  ['tid', 'Tenant ID', 'The tenant (directory) that issued the token.', 'Azure AD'],
  ['org_id', 'Organization ID', 'The organization the token belongs to.', 'Multi-tenant platforms'],
  ['token_use', 'Token use', 'Whether this is an "access" or an "id" token.', 'Amazon Cognito'],
  ['ver', 'Version', 'Version of the token format.', 'Azure AD / Okta'],
];

/** Indexes catalog rows by name (a Map, so names like `constructor` are safe). */
export function catalogMap(entries: CatalogEntry[]): ReadonlyMap<string, ClaimInfo> {
  return new Map(
    entries.map(([name, label, meaning, source, time]) => [
      name,
      time === true ? { label, meaning, source, time } : { label, meaning, source },
    ]),
  );
}

/** Known JWT claims: RFC 7519, OAuth and OpenID Connect, Keycloak, WSO2, AppViewX and more. */
export const CLAIM_CATALOG: ReadonlyMap<string, ClaimInfo> = catalogMap(CLAIMS);
