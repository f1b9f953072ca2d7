import type { ErrorHintRule, OnboardingStep, Preset, PresetField } from './types.js';

/**
 * Axway Amplify: service accounts live in a Keycloak realm ("Broker") at login.axway.com.
 * The Platform preset authenticates with HTTP Basic, the Support ("Sphere") preset with the
 * client ID and secret in the form body, as each Axway page shows.
 */

const loginField: PresetField = {
  key: 'loginBaseUrl',
  label: 'Login server',
  kind: 'url',
  required: true,
  default: 'https://login.axway.com',
  placeholder: 'https://login.axway.com',
  help: 'Leave as is for Axway production; change it only for a staging or test login server.',
};

const tokenTemplate = '{loginBaseUrl}/auth/realms/Broker/protocol/openid-connect/token';

const axwayErrorHints: ErrorHintRule[] = [
  {
    code: 'invalid_client',
    category: 'invalid_client',
    meaning: 'Axway did not accept the service account credentials',
    hint: 'Check the client ID (it starts with the service account name) and the secret. Axway shows a secret only once, when it is created: if it is lost, give the service account a new secret.',
  },
  {
    code: 'unauthorized_client',
    category: 'unauthorized_client',
    meaning: 'This client may not get tokens with its own credentials',
    hint: 'Make sure this is a service account that uses a client secret (not a certificate or a user login).',
  },
  {
    code: 'invalid_scope',
    category: 'invalid_scope',
    meaning: 'Axway refused the requested scope',
    hint: 'Leave the scope empty: Axway grants the service account its roles without one.',
  },
];

const axwayDocs = {
  cli: 'https://docs.axway.com/bundle/axwaycli-open-docs/page/docs/quick_start/index.html',
  serviceAccounts:
    'https://docs.axway.com/bundle/Amplify_Platform_Management_allOS_en/page/managing_organizations.html',
  apis: 'https://docs.axway.com/category/api',
};

const createServiceAccountSteps: OnboardingStep[] = [
  {
    title: 'Install the Axway CLI and sign in',
    body: 'The CLI is the quickest way to create a service account. Sign in with a user that administers your organization.',
    commands: [{ label: 'Sign in', command: 'axway auth login' }],
    links: [{ label: 'Axway CLI quick start', url: axwayDocs.cli }],
  },
  {
    title: 'Create the service account (CLI)',
    body: 'Give it a name and description, pick client secret as its authentication method (generated or your own), and grant the roles it needs, for example Central Admin to manage Amplify Central.',
    commands: [
      { label: 'Create', command: 'axway service-account create' },
      { label: 'Check it is there', command: 'axway service-account list' },
    ],
  },
  {
    title: 'Or create it in the web UI',
    body: 'In the Amplify Platform, open the account menu (top right) → Organization → Service Accounts → "+ Service Account". Choose Client Secret, let the platform generate it, pick the roles, then Save.',
    links: [{ label: 'Managing service accounts', url: axwayDocs.serviceAccounts }],
  },
  {
    title: 'Copy the secret now',
    body: 'Axway displays the client secret once, right after creation, and never again. Paste it into Grantline straight away; it is stored encrypted and never shown back.',
  },
];

const curlTip: OnboardingStep = {
  title: 'Calling the token endpoint yourself',
  body: 'If you build the Basic header by hand, use printf or echo -n: a plain `echo "id:secret" | base64` adds a newline to the secret and the login fails.',
  commands: [{ command: "printf '%s' 'CLIENT_ID:CLIENT_SECRET' | base64" }],
};

export const axwayPlatformPreset: Preset = {
  id: 'axway-platform',
  name: 'Axway Amplify Platform',
  description: 'Amplify service account for the Central, Traceability and Platform APIs.',
  tokenEndpoint: { kind: 'template', template: tokenTemplate },
  fields: [loginField],
  defaults: {
    authMethod: 'client_secret_basic',
    grantType: 'client_credentials',
    bodyEncoding: 'form',
    timeoutMs: 30_000,
  },
  maxTimeoutMs: 120_000,
  authMethods: ['client_secret_basic', 'client_secret_post'],
  errorHints: axwayErrorHints,
  onboarding: [...createServiceAccountSteps, curlTip],
  endpoints: [
    {
      id: 'central-environments',
      name: 'Central: list environments',
      description: 'The environments of Amplify Central that the service account can see.',
      method: 'GET',
      baseUrl: 'https://apicentral.axway.com',
      path: '/apis/management/v1alpha1/environments',
      docUrl: axwayDocs.apis,
    },
    {
      id: 'traceability-summary',
      name: 'Traceability: traffic summary',
      description: 'API traffic grouped by proxy and revision over a time window.',
      method: 'GET',
      baseUrl: 'https://apicentral.axway.com',
      path: '/api/traceability/v1/traceability/summary',
      query: [
        { name: 'groupBy', value: 'proxyId', description: 'Repeat to group by several keys' },
        { name: 'groupBy', value: 'proxyRevision' },
        { name: 'count', value: '10', description: 'Page size' },
        { name: 'offset', value: '0', description: 'Items to skip' },
        { name: 'from', value: '1668895561864', description: 'Window start, epoch milliseconds' },
        { name: 'to', value: '1669500361864', description: 'Window end, epoch milliseconds' },
      ],
      docUrl: axwayDocs.apis,
    },
    {
      id: 'platform-env',
      name: 'Platform: environment',
      description: 'Basic information about the Amplify Platform environment.',
      method: 'GET',
      baseUrl: 'https://platform.axway.com',
      path: '/api/v1/env',
      docUrl: axwayDocs.apis,
    },
  ],
  apiBaseUrls: [
    { name: 'Central', url: 'https://apicentral.axway.com' },
    { name: 'Platform', url: 'https://platform.axway.com' },
  ],
  docs: [
    { label: 'Axway CLI', url: axwayDocs.cli },
    { label: 'Amplify Platform APIs', url: axwayDocs.apis },
  ],
  notes: [
    'Tokens last 30 minutes (expires_in 1800) and come without a refresh token; Grantline fetches a new one before expiry.',
    'Axway answers token_type "bearer" in lower case; it is the same as Bearer.',
  ],
};

export const axwaySupportPreset: Preset = {
  id: 'axway-support',
  name: 'Axway Support API',
  description: 'Amplify service account for the Axway Support ("Sphere") API: cases and more.',
  tokenEndpoint: { kind: 'template', template: tokenTemplate },
  fields: [loginField],
  defaults: {
    authMethod: 'client_secret_post',
    grantType: 'client_credentials',
    bodyEncoding: 'form',
    timeoutMs: 30_000,
  },
  maxTimeoutMs: 120_000,
  authMethods: ['client_secret_post', 'client_secret_basic'],
  errorHints: axwayErrorHints,
  onboarding: createServiceAccountSteps,
  endpoints: [
    {
      id: 'support-latest-case',
      name: 'Support: most recently updated case',
      description: "Your organization's support case that changed last.",
      method: 'GET',
      baseUrl: 'https://sphereapi.admin.axway.com',
      path: '/sphere/api/v1/case',
      query: [
        { name: 'limit', value: '1' },
        { name: 'sort', value: '-modifiedDate', description: 'Newest change first' },
      ],
      docUrl: axwayDocs.apis,
    },
  ],
  apiBaseUrls: [{ name: 'Support', url: 'https://sphereapi.admin.axway.com' }],
  docs: [{ label: 'Managing service accounts', url: axwayDocs.serviceAccounts }],
  notes: ['The client ID and secret go in the form body here, not in a Basic header.'],
};
