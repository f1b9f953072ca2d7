import { JWT_BEARER_GRANT } from '../connection.js';
import type { Preset } from './types.js';

const docs = {
  serverToServer: 'https://developers.google.com/identity/protocols/oauth2/service-account',
  keys: 'https://cloud.google.com/iam/docs/keys-create-delete',
  scopes: 'https://developers.google.com/identity/protocols/oauth2/scopes',
  delegation: 'https://support.google.com/a/answer/162106',
};

/** Scopes most service accounts ask for; the wizard and the CLI help offer them. */
export const googleCommonScopes: readonly { scope: string; label: string }[] = [
  { scope: 'https://www.googleapis.com/auth/cloud-platform', label: 'All of Google Cloud' },
  {
    scope: 'https://www.googleapis.com/auth/cloud-platform.read-only',
    label: 'Google Cloud, read only',
  },
  { scope: 'https://www.googleapis.com/auth/devstorage.read_only', label: 'Cloud Storage, read' },
  { scope: 'https://www.googleapis.com/auth/bigquery', label: 'BigQuery' },
  { scope: 'https://www.googleapis.com/auth/drive.readonly', label: 'Drive, read (delegation)' },
  {
    scope: 'https://www.googleapis.com/auth/admin.directory.user.readonly',
    label: 'Directory users, read (delegation)',
  },
];

/**
 * Google Cloud service account with a JSON key file: the JWT bearer grant (RFC 7523 §2.1). No
 * client authentication; the assertion, signed with the key file's private key, is the credential.
 */
export const googleServiceAccountPreset: Preset = {
  id: 'google-service-account',
  name: 'Google Cloud service account',
  description: 'A service account JSON key file, exchanged for a token with the JWT bearer grant.',
  tokenEndpoint: { kind: 'template', template: 'https://oauth2.googleapis.com/token' },
  fields: [],
  defaults: {
    authMethod: 'none',
    grantType: JWT_BEARER_GRANT,
    bodyEncoding: 'form',
    timeoutMs: 30_000,
    scope: 'https://www.googleapis.com/auth/cloud-platform',
  },
  maxTimeoutMs: 120_000,
  authMethods: ['none'],
  errorHints: [
    {
      code: 'invalid_grant',
      messagePattern: 'short-lived|reasonable timeframe|iat|exp',
      category: 'invalid_grant',
      meaning: 'Google refused the assertion’s times (clock skew?)',
      hint: 'The assertion’s iat and exp are checked against Google’s clock: set this computer’s clock right (enable network time) and try again.',
    },
    {
      code: 'invalid_grant',
      messagePattern: 'signature',
      category: 'invalid_grant',
      meaning: 'Google does not know this key (deleted or disabled?)',
      hint: 'The key file’s key was deleted or disabled, or the file belongs to another account. In the Cloud console (IAM → Service accounts → Keys) check the key id, or create a new key and drop the new file.',
    },
    {
      code: 'invalid_grant',
      messagePattern: 'account not found|audience',
      category: 'invalid_grant',
      meaning: 'Google does not accept this service account',
      hint: 'The account may be deleted or disabled, or the key file edited: check client_email and token_uri against a fresh key file.',
    },
    {
      code: 'invalid_grant',
      category: 'invalid_grant',
      meaning: 'Google refused the service account’s assertion',
      hint: 'Check that the key file is current and that this computer’s clock is right.',
    },
    {
      code: 'invalid_scope',
      category: 'invalid_scope',
      meaning: 'Google did not accept the scope',
      hint: 'Give at least one full scope URL, e.g. https://www.googleapis.com/auth/cloud-platform.',
    },
    {
      code: 'unauthorized_client',
      category: 'unauthorized_client',
      meaning: 'The service account may not act for this user or with these scopes',
      hint: 'Domain-wide delegation: a Workspace admin must allow the service account’s client ID for exactly these scopes (Admin console → Security → API controls). Without delegation, leave the subject empty.',
    },
  ],
  onboarding: [
    {
      title: 'Create a key for the service account',
      body: 'In the Google Cloud console open IAM & Admin → Service accounts, pick the account, then Keys → Add key → Create new key → JSON. The browser downloads the key file once; Grantline stores its private key in the secret store and keeps only the account’s e-mail, key id and token URL as settings.',
      commands: [
        {
          label: 'Or with the gcloud CLI',
          command:
            'gcloud iam service-accounts keys create key.json --iam-account=NAME@PROJECT.iam.gserviceaccount.com',
        },
      ],
      links: [{ label: 'Create and delete service account keys', url: docs.keys }],
    },
    {
      title: 'Pick the scopes',
      body: 'Most Google Cloud APIs accept https://www.googleapis.com/auth/cloud-platform; access is then decided by the account’s IAM roles. Workspace APIs need narrower scopes and domain-wide delegation (a subject).',
      links: [{ label: 'OAuth 2.0 scopes for Google APIs', url: docs.scopes }],
    },
  ],
  endpoints: [
    {
      id: 'token-info',
      name: 'Token info',
      description: 'What Google knows about the access token (scopes, lifetime, account).',
      method: 'GET',
      baseUrl: 'https://oauth2.googleapis.com',
      path: '/tokeninfo',
      docUrl: docs.serverToServer,
    },
    {
      id: 'projects',
      name: 'Resource Manager: list projects',
      description: 'The projects the service account can see.',
      method: 'GET',
      baseUrl: 'https://cloudresourcemanager.googleapis.com',
      path: '/v1/projects',
      docUrl: docs.serverToServer,
    },
  ],
  apiBaseUrls: [
    { name: 'Resource Manager', url: 'https://cloudresourcemanager.googleapis.com' },
    { name: 'Authorization', url: 'https://oauth2.googleapis.com' },
  ],
  docs: [
    { label: 'OAuth 2.0 for server to server applications', url: docs.serverToServer },
    { label: 'Domain-wide delegation', url: docs.delegation },
  ],
  notes: [
    'Assertions live at most an hour (Google refuses more); tokens too (expires_in 3599).',
    'The token URL is the key file’s token_uri; the assertion’s audience must equal it exactly.',
  ],
};
