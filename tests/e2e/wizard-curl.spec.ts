import {
  apkTestClient,
  startWso2ApkEmulator,
  type Wso2ApkEmulator,
} from '../fixtures/emulators/index.js';
import { startOidcFixture, type OidcFixture } from '../fixtures/oidc/oidc-fixture.js';
import { expect, openApp, test } from './fixtures.js';
import {
  expectStep,
  expectValidToken,
  failure,
  field,
  next,
  runTest,
  saveAndFindRow,
  snapBoth,
  startWizard,
  success,
  tokenUrl,
} from './wizard-helpers.js';

// "Paste a curl command": the platform is recognised from the URL, the fields are filled in, -k
// becomes a question about trust, and whatever was not understood is listed.

let apk: Wso2ApkEmulator;
let oidc: OidcFixture;

test.beforeAll(async () => {
  [apk, oidc] = await Promise.all([
    startWso2ApkEmulator(),
    startOidcFixture({ privateKeyJwtClient: false }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([apk?.close(), oidc?.close()]);
});

const basic = (id: string, secret: string): string =>
  Buffer.from(`${id}:${secret}`).toString('base64');

test('a WSO2 APK command with -k: recognised, prefilled, then trusted by pinning', async ({
  page,
  host,
}) => {
  const port = new URL(apk.tokenUrl).port;
  // The guide's command, pointed at the emulator, plus an option Grantline does not take.
  const command = [
    `curl -k --location 'https://127.0.0.1:${port}/oauth2/token' \\`,
    "   --header 'Host: idp.am.wso2.com' \\",
    `   --header 'Authorization: Basic ${basic(apkTestClient.clientId, apkTestClient.clientSecret)}' \\`,
    "   --header 'Content-Type: application/x-www-form-urlencoded' \\",
    "   --proxy 'http://proxy.example:3128' \\",
    "   --data-urlencode 'grant_type=client_credentials'",
  ].join('\n');
  await openApp(page, host);
  await startWizard(page);
  await page.getByRole('button', { name: 'Paste a curl command' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Paste a curl command' })).toBeVisible();
  await field(page, 'curl command').fill(command);
  await page.getByRole('button', { name: 'Read the command' }).click();
  const found = page.getByRole('region', { name: 'What the command says' });
  await expect(
    found.getByText(/Recognised WSO2 APK \(built-in test IdP\) from the shape of the URL/),
  ).toBeVisible();
  await expect(found.getByText('found (hidden)')).toBeVisible();
  await expect(found).not.toContainText(apkTestClient.clientSecret);
  await expect(found.getByText(/turns certificate checks off \(-k\)/)).toBeVisible();
  await expect(found.getByText(/--proxy/)).toBeVisible();
  await snapBoth(page, 'curl', '1-read');

  await page.getByRole('button', { name: 'Use these values' }).click();
  await expectStep(page, 'Connection details');
  await expect(field(page, 'Gateway host')).toHaveValue('127.0.0.1');
  await expect(field(page, 'Port')).toHaveValue(port);
  await expect(field(page, 'Host header')).toHaveValue('idp.am.wso2.com');
  await expect(tokenUrl(page)).toHaveText(`https://127.0.0.1:${port}/oauth2/token`);
  await snapBoth(page, 'curl', '3-details');
  await next(page, 'Credentials');
  await expect(field(page, 'Client ID')).toHaveValue(apkTestClient.clientId);
  await expect(field(page, 'Client secret')).toHaveValue(apkTestClient.clientSecret);
  await next(page, 'Test and save');
  await expect(
    page.getByText(/The imported command skipped certificate checks \(-k\)/),
  ).toBeVisible();
  await snapBoth(page, 'curl', '5-before-test');
  await runTest(page);
  const problem = failure(page);
  await expect(
    problem.getByText(/^Self-signed certificate with fingerprint .*: trust this certificate\?$/),
  ).toBeVisible();
  await problem.getByRole('button', { name: 'Trust this certificate and test again' }).click();
  await expect(success(page)).toBeVisible();
  const row = await saveAndFindRow(page, 'WSO2 APK (built-in test IdP)');
  await expectValidToken(row);
});

test('an Axway-style command with HTTP Basic against a realm: recognised from its path', async ({
  page,
  host,
}) => {
  const { clientId, clientSecret } = oidc.clients.basic;
  const command = [
    `curl --location --request POST '${oidc.tokenUrl}' \\`,
    "--header 'Content-Type: application/x-www-form-urlencoded' \\",
    `--header 'Authorization: Basic ${basic(clientId, clientSecret!)}' \\`,
    "--data-urlencode 'grant_type=client_credentials'",
  ].join('\n');
  await openApp(page, host);
  await startWizard(page);
  await page.getByRole('button', { name: 'Paste a curl command' }).click();
  await field(page, 'curl command').fill(command);
  await page.getByRole('button', { name: 'Read the command' }).click();
  await expect(
    page.getByText(/Recognised Axway Amplify Platform from the shape of the URL/),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Use these values' }).click();
  await expect(field(page, 'Login server')).toHaveValue(new URL(oidc.issuer).origin);
  await next(page, 'Credentials');
  await next(page, 'Test and save');
  await runTest(page);
  await expect(success(page)).toBeVisible();
});

test('text that is not a curl command is refused with a hint', async ({ page, host }) => {
  await openApp(page, host);
  await startWizard(page);
  await page.getByRole('button', { name: 'Paste a curl command' }).click();
  await field(page, 'curl command').fill('wget https://example.com/token');
  await page.getByRole('button', { name: 'Read the command' }).click();
  await expect(page.getByRole('alert')).toContainText('This looks like a wget command, not curl.');
  await page.getByRole('button', { name: 'Back to platforms' }).click();
  await expectStep(page, 'Choose a platform');
});
