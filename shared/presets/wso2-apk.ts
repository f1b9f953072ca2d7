import type { Preset } from './types.js';

/** The client WSO2 publishes for its built-in test IdP (public, for local testing only). */
export const wso2ApkTestClient = {
  clientId: '45f1c5c8-a92e-11ed-afa1-0242ac120002',
  clientSecret: '4fbd62ec-a92e-11ed-afa1-0242ac120002',
} as const;

const apkDocs =
  'https://apk.docs.wso2.com/en/latest/develop-and-deploy-api/security/generate-access-token/';

/**
 * WSO2 APK's built-in, non-production identity provider. It serves a self-signed certificate
 * and routes on the Host header, so the preset sends `Host: {virtualHost}` and the user pins the
 * certificate instead of switching checks off.
 */
export const wso2ApkPreset: Preset = {
  id: 'wso2-apk',
  name: 'WSO2 APK (built-in test IdP)',
  description: "Token from WSO2 APK's non-production identity provider, for trying APK locally.",
  tokenEndpoint: { kind: 'template', template: 'https://{host}:{port}/oauth2/token' },
  fields: [
    {
      key: 'host',
      label: 'Gateway host',
      kind: 'host',
      required: true,
      default: 'idp.am.wso2.com',
      placeholder: 'idp.am.wso2.com',
      help: 'Where the APK gateway listens: idp.am.wso2.com if you mapped it in /etc/hosts, or localhost with a port-forward.',
    },
    {
      key: 'port',
      label: 'Port',
      kind: 'port',
      required: true,
      default: '9095',
      placeholder: '9095',
    },
    {
      key: 'virtualHost',
      label: 'Host header',
      kind: 'host',
      required: true,
      default: 'idp.am.wso2.com',
      help: 'The name the gateway routes the IdP on. Keep idp.am.wso2.com unless you changed it.',
    },
  ],
  defaults: {
    authMethod: 'client_secret_basic',
    grantType: 'client_credentials',
    bodyEncoding: 'form',
    timeoutMs: 30_000,
    extraHeaders: { Host: '{virtualHost}' },
  },
  maxTimeoutMs: 120_000,
  authMethods: ['client_secret_basic'],
  errorHints: [
    {
      code: 'invalid_client',
      category: 'invalid_client',
      meaning: 'The APK test IdP did not accept the client',
      hint: `The built-in IdP knows one client: ID ${wso2ApkTestClient.clientId}, secret ${wso2ApkTestClient.clientSecret} (published by WSO2 for testing).`,
    },
    {
      status: 404,
      category: 'http',
      meaning: 'The gateway has no route for this request',
      hint: 'Check the Host header (idp.am.wso2.com by default) and the port (9095).',
    },
  ],
  onboarding: [
    {
      title: 'For testing only',
      body: 'APK ships an identity provider meant for trying things out, not for production. In production APK trusts an external IdP (Asgardeo, Auth0…): use the generic OpenID Connect preset for that.',
      links: [{ label: 'APK: generate an access token', url: apkDocs }],
    },
    {
      title: 'Use the published test client',
      body: 'The built-in IdP has a fixed client that WSO2 documents publicly. Paste these values; the secret is not confidential.',
      commands: [
        { label: 'Client ID', command: wso2ApkTestClient.clientId },
        { label: 'Client secret', command: wso2ApkTestClient.clientSecret },
      ],
    },
    {
      title: 'Trust the self-signed certificate',
      body: 'The gateway presents a self-signed certificate. Test the connection: Grantline shows the certificate and its SHA-256 fingerprint; check it and pin it rather than disabling certificate checks.',
      commands: [
        {
          label: 'See the fingerprint yourself',
          command:
            'openssl s_client -connect idp.am.wso2.com:9095 -servername idp.am.wso2.com </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256',
        },
      ],
    },
  ],
  endpoints: [],
  apiBaseUrls: [],
  docs: [{ label: 'WSO2 APK documentation', url: apkDocs }],
  notes: [
    'Tokens last one hour (expires_in 3600) with scope "default".',
    'The Host header is sent explicitly, as in the WSO2 guide, so a port-forward to localhost still reaches the IdP.',
  ],
};
