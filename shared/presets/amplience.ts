import type { Preset } from './types.js';

const docs = {
  auth: 'https://amplience.com/developers/docs/apis/authorization/',
  graphql: 'https://amplience.com/developers/docs/apis/graphql-asset-management/',
};

/**
 * Amplience: client ID and secret in the form body; short tokens (about 300 s); any 400 from the
 * auth service means the ID or secret is wrong, whatever the body says.
 */
export const ampliencePreset: Preset = {
  id: 'amplience',
  name: 'Amplience',
  description: 'API key and secret for the Content Management and GraphQL Asset Management APIs.',
  tokenEndpoint: { kind: 'template', template: 'https://auth.amplience.net/oauth/token' },
  fields: [],
  defaults: {
    authMethod: 'client_secret_post',
    grantType: 'client_credentials',
    bodyEncoding: 'form',
    timeoutMs: 30_000,
  },
  maxTimeoutMs: 120_000,
  authMethods: ['client_secret_post'],
  errorHints: [
    {
      status: 400,
      category: 'invalid_client',
      meaning: 'Amplience did not accept the API key or secret',
      hint: 'Amplience answers 400 when the client ID (API key) or secret is wrong. Check both; if you have no working pair, ask Amplience support.',
    },
    {
      status: 401,
      category: 'invalid_client',
      meaning: 'Amplience did not accept the API key or secret',
      hint: 'Check the client ID (API key) and secret provided by Amplience.',
    },
  ],
  onboarding: [
    {
      title: 'Get an API key and secret from Amplience',
      body: 'Amplience hands out the API key (client ID) and secret at the start of a project; if you do not have them, ask Amplience support. The key decides which hubs and resources you reach.',
      links: [{ label: 'Amplience authorization', url: docs.auth }],
    },
    {
      title: 'Expect short-lived tokens',
      body: 'Tokens expire after about 5 minutes (expires_in 300). Grantline renews them shortly before expiry, so long sessions keep working.',
    },
    {
      title: 'Alternative: personal access token',
      body: 'For the Content Management API you can instead create a personal access token (PAT) through the GraphQL Asset Management API. PATs do not expire until deleted and belong to one user in one organization; they need no token endpoint.',
      links: [{ label: 'Amplience authorization (see personal access tokens)', url: docs.auth }],
    },
  ],
  endpoints: [
    {
      id: 'content-hubs',
      name: 'Content Management: list hubs',
      description: 'The content hubs the API key can reach.',
      method: 'GET',
      baseUrl: 'https://api.amplience.net',
      path: '/v2/content/hubs',
      docUrl: docs.auth,
    },
    {
      id: 'asset-graphql',
      name: 'GraphQL Asset Management: start a query',
      description:
        'The GraphQL endpoint of the asset API, with the same token. The schema loads from the endpoint, so the editor completes as you type.',
      method: 'POST',
      baseUrl: 'https://api.amplience.net',
      path: '/graphql',
      docUrl: docs.graphql,
      graphql: {
        query:
          '# Amplience GraphQL Asset Management API: Ctrl+Space completes from its schema.\nquery Start {\n  __typename\n}\n',
      },
    },
  ],
  apiBaseUrls: [{ name: 'Content Management', url: 'https://api.amplience.net' }],
  docs: [{ label: 'Authorization', url: docs.auth }],
  notes: ['The response also carries session_expires_in; the token lifetime is expires_in.'],
};
