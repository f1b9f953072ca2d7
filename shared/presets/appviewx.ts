import type { Preset } from './types.js';

const docs = {
  token: 'https://docs.appviewx.com/2026.1.0/oxy_ex/retrieve_access_token_api_7.html',
  serviceAccount:
    'https://docs.appviewx.com/2026.1.0/oxy_ex/creating_a_service_account_in_appviewx.html',
};

/**
 * AppViewX's get-service-token API is not standard OAuth2: the grant type is spelled
 * `Client_Credentials`, the Basic header carries the secret without form-encoding, the token comes
 * back in `response` with no expires_in (its JWT `exp` tells the expiry), and failures carry an
 * `appStatusCode`.
 */
export const appviewxPreset: Preset = {
  id: 'appviewx',
  name: 'AppViewX',
  description: 'AppViewX service account token for the account management APIs (SaaS or on-prem).',
  tokenEndpoint: {
    kind: 'template',
    template: 'https://{host}{:port}/avxapi/acctmgmt-get-service-token?gwsource=external',
  },
  fields: [
    {
      key: 'host',
      label: 'Host, IP or tenant host',
      kind: 'host',
      required: true,
      placeholder: 'appviewx.example.com',
      help: 'On-prem: the IP address or host name of your AppViewX. SaaS: the host name of your tenant.',
    },
    {
      key: 'port',
      label: 'Gateway port',
      kind: 'port',
      required: false,
      placeholder: '31443',
      help: 'On-prem installations expose the API gateway on its own port (for example 31443). Leave empty for the default https port.',
    },
  ],
  defaults: {
    authMethod: 'client_secret_basic_raw',
    grantType: 'Client_Credentials',
    bodyEncoding: 'form',
    timeoutMs: 60_000,
    responseMapping: {
      accessToken: '/response',
      errorCode: '/appStatusCode',
      errorMessage: '/message',
    },
  },
  // AppViewX documents a 15-minute request timeout for this call.
  maxTimeoutMs: 900_000,
  authMethods: ['client_secret_basic_raw', 'client_secret_basic'],
  errorHints: [
    {
      code: 'ACCT_SA_003',
      category: 'invalid_client',
      meaning: 'AppViewX has no service account with this client ID',
      hint: 'Check the client ID, and that the service account exists on this AppViewX (the right tenant or on-prem host).',
    },
    {
      code: 'OAUTH_CLNT_015',
      category: 'invalid_client',
      meaning: 'The client secret is wrong',
      hint: 'Copy the secret again from the service account page (Show). If it was regenerated, use the new one. The secret is sent exactly as typed, without encoding.',
    },
    {
      code: 'ACCT_SA_001',
      category: 'invalid_client',
      meaning: 'AppViewX rejected the client ID or secret',
      hint: 'Check both values for stray spaces or a trailing newline, and that the grant type is Client_Credentials.',
    },
    {
      code: 'avx-common-011',
      category: 'http',
      meaning: 'AppViewX failed while processing the request',
      hint: 'This is a server-side error: try again, and if it persists check the AppViewX logs or contact its administrator.',
    },
  ],
  onboarding: [
    {
      title: 'Create a service account in AppViewX',
      body: 'In AppViewX open the Service Account page (Platform → Identity → Service Account, or Account → Service Account in the old menu), add an account, and attach it to a user group with the rights it needs. Open the account to see its client ID; click Show to reveal the secret.',
      links: [{ label: 'Creating a service account', url: docs.serviceAccount }],
    },
    {
      title: 'Find the address to use',
      body: 'SaaS: use your tenant host name. On-prem: use the IP address or host name of AppViewX plus its API gateway port, for example 31443.',
      links: [{ label: 'get-service-token API', url: docs.token }],
    },
    {
      title: 'Check the request by hand (optional)',
      body: 'AppViewX expects the ID and secret joined by a colon and base64-encoded as they are (no URL-encoding), and the grant type spelled Client_Credentials. printf avoids the newline that echo would add.',
      commands: [
        {
          command:
            "curl -X POST 'https://HOST:31443/avxapi/acctmgmt-get-service-token?gwsource=external' -H \"Authorization: Basic $(printf '%s' 'CLIENT_ID:CLIENT_SECRET' | base64 -w0)\" -H 'Content-Type: application/x-www-form-urlencoded' --data 'grant_type=Client_Credentials'",
        },
      ],
    },
  ],
  endpoints: [],
  apiBaseUrls: [],
  docs: [
    { label: 'Retrieve access token (get-service-token)', url: docs.token },
    { label: 'Creating a service account', url: docs.serviceAccount },
  ],
  notes: [
    'The token is in the "response" field and there is no expires_in: Grantline reads the expiry from the token\'s own exp claim.',
    'The page lists Content-Type application/json but asks for a form payload; the form body is what its sample sends.',
    'Requests may take long: the preset allows a timeout of up to 15 minutes.',
  ],
};
