import { testCa } from '../fixtures/certs/index.js';
import {
  appviewxSampleClient,
  apkTestClient,
  startAmplienceEmulator,
  startAppViewXEmulator,
  startWso2ApkEmulator,
  type AmplienceEmulator,
  type AppViewXEmulator,
  type Wso2ApkEmulator,
} from '../fixtures/emulators/index.js';
import { startOidcFixture, type OidcFixture } from '../fixtures/oidc/oidc-fixture.js';
import { expect, openApp, test } from './fixtures.js';
import {
  choosePlatform,
  expectValidToken,
  failure,
  field,
  fillCredentials,
  next,
  openAdvanced,
  runTest,
  saveAndFindRow,
  snapBoth,
  startWizard,
  success,
  tokenUrl,
} from './wizard-helpers.js';

// The wizard end to end for each of the five vendor platforms (tests/fixtures/vendor/), against the
// oidc-provider fixture and the emulators, to a saved connection with a valid token. Every step
// is photographed in light and dark for review.

let oidc: OidcFixture;
let apk: Wso2ApkEmulator;
let amplience: AmplienceEmulator;
let avx: AppViewXEmulator;

test.beforeAll(async () => {
  [oidc, apk, amplience, avx] = await Promise.all([
    startOidcFixture(),
    startWso2ApkEmulator(),
    startAmplienceEmulator(),
    startAppViewXEmulator(),
  ]);
});

test.afterAll(async () => {
  await Promise.all([oidc?.close(), apk?.close(), amplience?.close(), avx?.close()]);
});

test('Axway Amplify Platform: HTTP Basic against a Keycloak-style realm', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await startWizard(page);
  await snapBoth(page, 'axway-platform', '1-platform');
  await choosePlatform(page, 'Axway Amplify Platform');
  await expect(page.getByRole('button', { name: 'Copy: Create' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Axway CLI quick start/ })).toHaveAttribute(
    'target',
    '_blank',
  );
  await snapBoth(page, 'axway-platform', '2-guidance');

  await next(page, 'Connection details');
  await expect(tokenUrl(page)).toHaveText(
    'https://login.axway.com/auth/realms/Broker/protocol/openid-connect/token',
  );
  await field(page, 'Login server').fill(new URL(oidc.issuer).origin);
  await expect(tokenUrl(page)).toHaveText(oidc.tokenUrl);
  await snapBoth(page, 'axway-platform', '3-details');

  await next(page, 'Credentials');
  await fillCredentials(page, oidc.clients.basic.clientId, oidc.clients.basic.clientSecret!);
  await snapBoth(page, 'axway-platform', '4-credentials');

  await next(page, 'Test and save');
  await runTest(page);
  await expect(success(page)).toBeVisible();
  await expect(success(page).getByText('Bearer', { exact: true })).toBeVisible();
  await expect(success(page).getByText(/^in \d+ min/)).toBeVisible();
  await expect(success(page).getByText(oidc.issuer, { exact: true })).toBeVisible();
  await snapBoth(page, 'axway-platform', '5-test');

  const row = await saveAndFindRow(page, 'Axway Amplify Platform');
  // The row names the platform and the token host.
  await expect(row).toContainText('Axway Amplify Platform');
  await expect(row).toContainText('127.0.0.1');
  await expectValidToken(row);
  await snapBoth(page, 'axway-platform', '6-saved');
});

test('Axway Support API: client secret in the form body', async ({ page, host }) => {
  await openApp(page, host);
  await startWizard(page);
  await field(page, 'Search platforms').fill('axway');
  await snapBoth(page, 'axway-support', '1-platform');
  await choosePlatform(page, 'Axway Support API');
  await snapBoth(page, 'axway-support', '2-guidance');
  await next(page, 'Connection details');
  await field(page, 'Login server').fill(new URL(oidc.issuer).origin);
  await expect(tokenUrl(page)).toHaveText(oidc.tokenUrl);
  await snapBoth(page, 'axway-support', '3-details');
  await next(page, 'Credentials');
  await expect(page.getByText(/authenticates with Form body \(client_secret_post\)/)).toBeVisible();
  await fillCredentials(page, oidc.clients.post.clientId, oidc.clients.post.clientSecret!);
  await snapBoth(page, 'axway-support', '4-credentials');
  await next(page, 'Test and save');
  await runTest(page);
  await expect(success(page)).toBeVisible();
  await snapBoth(page, 'axway-support', '5-test');
  // "Open in Inspector" saves the connection and shows its token there.
  await success(page).getByRole('button', { name: 'Open in Inspector' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inspector' })).toBeVisible();
  await expect(page.getByText(oidc.clients.post.clientId).first()).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Areas' })
    .getByRole('button', { name: 'Connections' })
    .click();
  const row = page.getByRole('listitem', { name: 'Axway Support API' });
  await expectValidToken(row);
  await snapBoth(page, 'axway-support', '6-saved');
});

test('WSO2 APK: self-signed certificate, trusted by pinning its fingerprint', async ({
  page,
  host,
}) => {
  const port = new URL(apk.tokenUrl).port;
  await openApp(page, host);
  await startWizard(page);
  await field(page, 'Search platforms').fill('wso2');
  await snapBoth(page, 'wso2', '1-platform');
  await choosePlatform(page, 'WSO2 APK (built-in test IdP)');
  await expect(page.getByRole('button', { name: 'Copy: Client secret' })).toBeVisible();
  await snapBoth(page, 'wso2', '2-guidance');
  await next(page, 'Connection details');
  await field(page, 'Gateway host').fill('127.0.0.1');
  await field(page, 'Port').fill(port);
  await expect(tokenUrl(page)).toHaveText(`https://127.0.0.1:${port}/oauth2/token`);
  await expect(field(page, 'Host header')).toHaveValue('idp.am.wso2.com');
  await snapBoth(page, 'wso2', '3-details');
  await next(page, 'Credentials');
  await page.getByRole('button', { name: 'Use the published test client' }).click();
  await expect(field(page, 'Client ID')).toHaveValue(apkTestClient.clientId);
  await expect(field(page, 'Client secret')).toHaveValue(apkTestClient.clientSecret);
  await snapBoth(page, 'wso2', '4-credentials');
  await next(page, 'Test and save');
  await runTest(page);

  const problem = failure(page);
  await expect(problem.getByRole('heading', { name: /certificate is not trusted/ })).toBeVisible();
  await expect(
    problem.getByText(
      `Self-signed certificate with fingerprint ${apk.fingerprint256}: trust this certificate?`,
    ),
  ).toBeVisible();
  await snapBoth(page, 'wso2', '5-trust-prompt');
  await problem.getByRole('button', { name: 'Trust this certificate and test again' }).click();
  await expect(success(page)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(apk.fingerprint256).first()).toBeVisible();
  await expect(
    success(page)
      .getByRole('definition')
      .filter({ hasText: /^default$/ })
      .first(),
  ).toBeVisible();
  await snapBoth(page, 'wso2', '5-test');
  const row = await saveAndFindRow(page, 'WSO2 APK (built-in test IdP)');
  await expectValidToken(row);
  await snapBoth(page, 'wso2', '6-saved');
});

test('Amplience: token URL overridden to the emulator, short-lived token', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await startWizard(page);
  await field(page, 'Search platforms').fill('amplience');
  await snapBoth(page, 'amplience', '1-platform');
  await choosePlatform(page, 'Amplience');
  await expect(page.getByText(/Tokens expire after about 5 minutes/)).toBeVisible();
  await snapBoth(page, 'amplience', '2-guidance');
  await next(page, 'Connection details');
  await expect(tokenUrl(page)).toHaveText('https://auth.amplience.net/oauth/token');
  await openAdvanced(page);
  await field(page, 'Token URL override').fill(amplience.tokenUrl);
  await expect(tokenUrl(page)).toHaveText(amplience.tokenUrl);
  await snapBoth(page, 'amplience', '3-details');
  await next(page, 'Credentials');
  await fillCredentials(page, amplience.clientId, amplience.clientSecret);
  await page.getByRole('button', { name: 'Show secret' }).click();
  await expect(field(page, 'Client secret')).toHaveAttribute('type', 'text');
  await snapBoth(page, 'amplience', '4-credentials');
  await page.getByRole('button', { name: 'Hide secret' }).click();
  await expect(field(page, 'Client secret')).toHaveAttribute('type', 'password');
  await next(page, 'Test and save');
  await runTest(page);
  await expect(success(page)).toBeVisible();
  await expect(success(page).getByText(/^in [45] min/)).toBeVisible();
  await snapBoth(page, 'amplience', '5-test');
  const row = await saveAndFindRow(page, 'Amplience');
  await expectValidToken(row);
  await snapBoth(page, 'amplience', '6-saved');
});

test('AppViewX: host and gateway port, its test CA, raw Basic and Client_Credentials', async ({
  page,
  host,
}) => {
  const url = new URL(avx.tokenUrl);
  await openApp(page, host);
  await startWizard(page);
  await field(page, 'Search platforms').fill('appviewx');
  await snapBoth(page, 'appviewx', '1-platform');
  await choosePlatform(page, 'AppViewX');
  await expect(page.getByText(/SaaS: use your tenant host name/)).toBeVisible();
  await snapBoth(page, 'appviewx', '2-guidance');
  await next(page, 'Connection details');
  await field(page, 'Host, IP or tenant host').fill(url.hostname);
  await field(page, 'Gateway port').fill(url.port);
  await expect(tokenUrl(page)).toHaveText(avx.tokenUrl);
  await openAdvanced(page);
  await field(page, 'Custom CA (PEM)').fill(testCa.cert);
  await snapBoth(page, 'appviewx', '3-details');
  await next(page, 'Credentials');
  await expect(page.getByText(/HTTP Basic, unencoded \(client_secret_basic_raw\)/)).toBeVisible();
  await fillCredentials(page, appviewxSampleClient.clientId, appviewxSampleClient.clientSecret);
  await snapBoth(page, 'appviewx', '4-credentials');
  await next(page, 'Test and save');
  await runTest(page);
  await expect(success(page)).toBeVisible();
  await expect(success(page).getByText(/from the token’s exp claim/)).toBeVisible();
  await snapBoth(page, 'appviewx', '5-test');
  const row = await saveAndFindRow(page, 'AppViewX');
  await expectValidToken(row);
  await snapBoth(page, 'appviewx', '6-saved');
});

test('OpenID Connect: "Discover" fills the token endpoint and JWKS URI from the issuer', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await startWizard(page);
  await choosePlatform(page, 'OpenID Connect (discovery)');
  await next(page, 'Connection details');
  await field(page, 'Issuer URL').fill(oidc.issuer);
  await expect(tokenUrl(page)).toHaveText(`${oidc.issuer}/.well-known/openid-configuration`);
  await page.getByRole('button', { name: 'Discover', exact: true }).click();
  await expect(field(page, 'Token endpoint')).toHaveValue(oidc.tokenUrl);
  await expect(field(page, 'JWKS URI')).toHaveValue(oidc.jwksUri);
  await snapBoth(page, 'oidc', '3-details');
  await next(page, 'Credentials');
  await fillCredentials(page, oidc.clients.basic.clientId, oidc.clients.basic.clientSecret!);
  await next(page, 'Test and save');
  await runTest(page);
  await expect(success(page)).toBeVisible();
});

test('Keycloak with private_key_jwt: the key comes from a file picker', async ({ page, host }) => {
  const client = oidc.clients.privateKeyJwt!;
  await openApp(page, host);
  await startWizard(page);
  await choosePlatform(page, 'Keycloak');
  await next(page, 'Connection details');
  await field(page, 'Keycloak URL').fill(`${new URL(oidc.issuer).origin}/auth`);
  await field(page, 'Realm').fill('Broker');
  await expect(tokenUrl(page)).toHaveText(oidc.tokenUrl);
  await openAdvanced(page);
  await field(page, 'Client authentication').selectOption('private_key_jwt');
  await next(page, 'Credentials');
  await expect(field(page, 'Client secret')).toHaveCount(0);
  await field(page, 'Client ID').fill(client.clientId);
  await field(page, 'Private key file').setInputFiles({
    name: 'service-account.jwk.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(client.privateJwk)),
  });
  await expect(page.getByText('service-account.jwk.json', { exact: true })).toBeVisible();
  await field(page, 'Signing algorithm').selectOption('ES256');
  await field(page, 'Key ID (kid)').fill(client.kid);
  await snapBoth(page, 'keycloak', '4-credentials');
  await next(page, 'Test and save');
  await expect(page.getByText('private key', { exact: true })).toBeVisible();
  await runTest(page);
  await expect(success(page)).toBeVisible();
  const row = await saveAndFindRow(page, 'Keycloak');
  await expectValidToken(row);
});
