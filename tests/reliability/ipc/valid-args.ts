import type { Channel, ChannelArgs } from '#shared/ipc/contract.js';

/**
 * One valid argument per channel, with every optional field filled in so the fuzzer has a field
 * to break at every place the schema has one. Typed against the contract: a new channel does not
 * compile until it has a sample here, and ipc-fuzz.test.ts checks each sample is accepted.
 */

const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const pin = 'ab'.repeat(32);

const connection: ChannelArgs<'connections:save'>['connection'] = {
  id: 'conn-1',
  name: 'Fuzz target',
  presetId: 'generic',
  fields: { host: 'idp.example' },
  tokenUrl: 'https://idp.example/oauth2/token',
  clientId: 'client-1',
  authMethod: 'private_key_jwt',
  privateKeyJwt: { alg: 'RS256', kid: 'k1', assertionLifetimeSec: 60 },
  jwtBearer: {
    profile: 'google',
    alg: 'RS256',
    kid: 'k2',
    issuer: 'sa@project.iam.gserviceaccount.com',
    subject: 'admin@example.com',
    audience: 'https://oauth2.googleapis.com/token',
    lifetimeSec: 3600,
    projectId: 'project',
  },
  tokenExchange: {
    subjectConnectionId: 'conn-2',
    subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token',
    requestedTokenType: 'urn:ietf:params:oauth:token-type:jwt',
  },
  dpop: { enabled: true },
  grantType: 'client_credentials',
  scope: 'read write',
  audience: 'https://api.example',
  resource: 'https://api.example/',
  extraBodyParams: { a: 'b' },
  extraQueryParams: { c: 'd' },
  extraHeaders: { 'X-Tenant': 'one' },
  bodyEncoding: 'form',
  responseMapping: { accessToken: '/access_token', expiresIn: '/expires_in' },
  tls: {
    caPem: pem,
    pinnedSha256: pin,
    insecure: false,
  },
  allowHttp: false,
  timeoutMs: 30_000,
  apiBaseUrls: [{ name: 'api', url: 'https://api.example' }],
};

const secrets = { clientSecret: 's', privateKey: 'k', clientCert: 'c', clientKey: 'ck' };

const row = { name: 'n', value: 'v', enabled: true };
const draft: ChannelArgs<'requests:send'>['draft'] = {
  method: 'POST',
  url: 'https://api.example/items?q={{q}}',
  params: [row],
  headers: [row],
  body: { mode: 'form', text: '{}', form: [row], contentType: 'application/json' },
  auth: { type: 'header', name: 'X-Api-Key', value: 'k' },
  timeoutMs: 30_000,
  followRedirects: true,
};

const responseId = 'resp-0001';
const requestId = 'req-00001';
const connectionId = 'conn-1';
const token = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.';

export const validArgs: { [C in Channel]: ChannelArgs<C> } = {
  'app:info': undefined,
  'app:update-status': undefined,
  'app:install-update': { force: true },
  'app:set-update-check': { enabled: false },
  'connections:list': undefined,
  'connections:get': { id: connectionId },
  'connections:save': { connection, secrets },
  'connections:rename': { id: connectionId, name: 'New name' },
  'connections:duplicate': { id: connectionId, name: 'Copy' },
  'connections:allow-token-origin': { id: connectionId, origin: 'https://other.example' },
  'connections:read-key-file': { draftId: 'draft-0001', text: '{"type":"service_account"}' },
  'connections:discard-draft': { draftId: 'draft-0001' },
  'connections:delete': { id: connectionId },
  'secrets:set': { connectionId, secrets },
  'secrets:status': { connectionId },
  'tokens:get-status': { connectionId },
  'tokens:fetch': { connectionId, force: true },
  'tokens:invalidate': { connectionId },
  'tokens:cancel': { connectionId },
  'tokens:reveal': { connectionId, purpose: 'copy' },
  'tokens:binding': { connectionId },
  'tokens:test': { connection, secrets, connectionId, testId: 'wizard-test-1' },
  'tokens:cancel-test': { testId: 'wizard-test-1' },
  'tokens:discover': {
    issuer: 'https://idp.example',
    allowHttp: false,
    caPem: pem,
    pinnedSha256: pin,
    insecure: false,
  },
  'inspector:decode': { token, skewSeconds: 60 },
  'inspector:verify': {
    token,
    source: { type: 'hmac_secret', secret: 'shh', encoding: 'utf8' },
    connectionId,
    refreshKeys: true,
  },
  'inspector:auto-verify': { token },
  'inspector:forget-jwks': { issuer: 'https://idp.example' },
  'inspector:inspect-connection': { connectionId, skewSeconds: 60 },
  'inspector:verify-connection': {
    connectionId,
    source: { type: 'key_text', text: '{"keys":[]}', label: 'jwks' },
    refreshKeys: false,
  },
  'requests:context': { connectionId },
  'requests:send': { requestId, connectionId, draft, variables: [row], environment: 'staging' },
  'requests:cancel': { requestId },
  'requests:read-body': { responseId, offset: 0, length: 1024, encoding: 'text' },
  'requests:body-rows': { responseId, fromRow: 0, count: 10 },
  'requests:pretty-rows': { responseId, fromRow: 0, count: 10 },
  'requests:filter-body': { responseId, expression: '$.a' },
  'requests:body-image': { responseId },
  'requests:compare-rows': { responseId, fromRow: 0, count: 10 },
  'requests:json-children': { responseId, at: 0, from: 0, limit: 10 },
  'requests:json-value': { responseId, at: 0 },
  'requests:search-body': { responseId, query: 'x', limit: 10 },
  'requests:save-body': { responseId, suggestedName: 'response.json' },
  'requests:release': { responseId },
  'requests:history': { connectionId, query: 'x', limit: 10 },
  'requests:clear-history': { connectionId },
  'requests:save': { connectionId, id: 'saved-1', name: 'Saved', draft },
  'requests:delete-saved': { connectionId, id: 'saved-1' },
  'requests:remember': { connectionId, draft, variables: [row] },
  'requests:snippet': {
    connectionId,
    draft,
    variables: [row],
    target: 'shell:curl',
    includeToken: false,
  },
  'requests:import-curl': { connectionId, command: 'curl https://api.example' },
  'graphql:schema': {
    connectionId,
    draft: {
      ...draft,
      body: {
        mode: 'graphql',
        graphql: { query: '{ __typename }', variables: '{}', operationName: '' },
      },
    },
    variables: [row],
    environment: 'staging',
    refresh: true,
  },
  'workspace:open': undefined,
  'workspace:choose-folder': { folder: '/tmp/grantline-fuzz-workspace' },
  'workspace:read-request': { path: 'billing/list.yaml' },
  'workspace:save-request': {
    path: 'billing/list.yaml',
    folder: 'billing',
    name: 'List',
    connectionId,
    draft,
  },
  'workspace:rename-request': { path: 'billing/list.yaml', name: 'List all' },
  'workspace:move-request': { path: 'billing/list.yaml', folder: 'archive' },
  'workspace:delete-request': { path: 'billing/list.yaml' },
  'workspace:create-folder': { path: 'billing/eu' },
  'workspace:environments': undefined,
  'workspace:save-environment': {
    key: 'staging',
    environment: {
      name: 'Staging',
      variables: [
        { name: 'region', value: 'eu', secret: false, enabled: true },
        { name: 'apiKey', secret: true, enabled: true },
      ],
      baseUrls: { [connectionId]: [{ name: 'api', url: 'https://staging.api.example' }] },
    },
  },
  'workspace:delete-environment': { key: 'staging' },
  'workspace:set-secret': { key: 'staging', name: 'apiKey', value: 'v' },
  'workspace:clear-secret': { key: 'staging', name: 'apiKey' },
  'workspace:variables': { connectionId, environment: 'staging', variables: [row] },
  'workspace:session': undefined,
  'workspace:save-session': {
    tabs: [
      {
        id: 'tab-1',
        connectionId,
        draft,
        variables: [row],
        origin: { kind: 'file', path: 'billing/list.yaml', name: 'List' },
        edited: true,
      },
    ],
    activeTab: 'tab-1',
    environment: 'staging',
    layout: { sidebarWidth: 260, requestShare: 0.5, sidebarCollapsed: false },
  },
  'import:api': {
    source: { type: 'text', text: '{"openapi": "3.1.0"}', fileName: 'api.json' },
    kind: 'openapi',
    connectionId,
    folder: '',
  },
  'import:operation': { path: 'petstore/pet/get-pet.yaml' },
  'import:validate-body': { path: 'petstore/pet/add-pet.yaml', text: '{"name": "Rex"}' },
  'import:example-body': { path: 'petstore/pet/add-pet.yaml' },
};
