import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import {
  startJwtBearerServer,
  type JwtBearerServer,
} from '../fixtures/grants/jwt-bearer-server.js';
import { expect, openApp, test as base } from './fixtures.js';
import { heapSnapshot } from './heap.js';
import {
  choosePlatform,
  expectStep,
  expectValidToken,
  failure,
  field,
  next,
  openAdvanced,
  runTest,
  saveAndFindRow,
  startWizard,
  success,
} from './wizard-helpers.js';

const test = base.extend<{ google: JwtBearerServer }>({
  // eslint-disable-next-line no-empty-pattern
  google: async ({}, use) => {
    const server = await startJwtBearerServer();
    await use(server);
    await server.close();
  },
});

const SHOTS = '/work/shots/wizard';

async function shoot(page: Page, name: string, focus: Locator): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await focus.scrollIntoViewIfNeeded();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({
        path: join(SHOTS, `${name}-${size.width}x${size.height}-${scheme}.png`),
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('the wizard offers client_secret_jwt, which still asks for the secret', async ({
  page,
  host,
}) => {
  // Eight screenshots: slow on a loaded machine.
  test.setTimeout(90_000);
  await openApp(page, host);
  await startWizard(page);
  await choosePlatform(page, 'OAuth 2.0 (token URL)');
  await next(page, 'Connection details');
  await field(page, 'Token URL').fill('https://idp.example.com/oauth2/token');
  await openAdvanced(page);
  const method = field(page, 'Client authentication');
  await method.selectOption('client_secret_jwt');
  // The help under the field (the same words are in the folded "how they differ" list).
  await expect(
    page.getByText(/signed \(HS256\) with the client secret/).filter({ visible: true }),
  ).toBeVisible();
  // "none" is for key files only: the generic form does not offer it.
  await expect(method.locator('option', { hasText: 'No client authentication' })).toHaveCount(0);
  await shoot(page, 'wizard-client-secret-jwt', method);
  await next(page, 'Credentials');
  await expectStep(page, 'Credentials');
  await expect(field(page, 'Client secret')).toBeVisible();
});

/** The lines of a PEM's base64 body: any one of them in a text means the key leaked there. */
function pemBodyLines(pem: string): string[] {
  return pem.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----'));
}

test('a Google key file goes through the wizard to a composer call; its key never stays in the page', async ({
  page,
  host,
  google,
}) => {
  test.setTimeout(120_000);
  await openApp(page, host);
  await startWizard(page);
  await choosePlatform(page, 'Google Cloud service account');
  await next(page, 'Connection details');
  await field(page, 'Connection name').fill('GCP reader');
  // The common scope is ticked by default; another one is typed.
  await expect(page.getByRole('checkbox', { name: /All of Google Cloud/ })).toBeChecked();
  await page.getByRole('checkbox', { name: /BigQuery/ }).check();
  await shoot(page, 'google-details', page.getByRole('group', { name: 'Scopes' }));
  await page.getByRole('checkbox', { name: /BigQuery/ }).uncheck();
  await next(page, 'Credentials');
  // Moving on without the file says what is missing.
  await page.getByRole('button', { name: 'Next: Test and save' }).click();
  await expect(
    page.getByText('Drop the service account’s JSON key file (or choose it).'),
  ).toBeVisible();

  await field(page, 'Service-account key file').setInputFiles({
    name: 'grantline-ci-key.json',
    mimeType: 'application/json',
    buffer: Buffer.from(google.keyFileText),
  });
  const facts = page.getByRole('definition').filter({ hasText: google.keyFile.client_email });
  await expect(facts).toBeVisible();
  await expect(page.getByText(google.keyFile.private_key_id, { exact: true })).toBeVisible();
  await expect(page.getByText('grantline-ci-key.json', { exact: true })).toBeVisible();
  // The file input holds no file any more, and the page heap holds no line of the key.
  await expect(field(page, 'Service-account key file')).toHaveValue('');
  const heap = await heapSnapshot(page);
  const leaked = pemBodyLines(google.keyFile.private_key).filter((l) => heap.includes(l));
  expect(leaked, 'private key lines in the page heap').toEqual([]);
  expect(heap).not.toContain('PRIVATE KEY-----\n');
  await shoot(page, 'google-credentials', page.getByRole('group', { name: 'Key file' }).or(facts));

  await next(page, 'Test and save');
  await runTest(page);
  await expect(success(page)).toBeVisible();
  expect(google.accepted().at(-1)).toMatchObject({
    iss: google.keyFile.client_email,
    aud: google.keyFile.token_uri,
    scope: 'https://www.googleapis.com/auth/cloud-platform',
  });
  const row = await saveAndFindRow(page, 'GCP reader');
  await expectValidToken(row);

  await row.getByRole('button', { name: /^Try a request with/ }).click();
  const origin = new URL(google.keyFile.token_uri).origin;
  await page.getByRole('textbox', { name: 'URL', exact: true }).fill(`${origin}/tokeninfo`);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByLabel('Status 200 OK')).toBeVisible({ timeout: 20_000 });

  const after = await heapSnapshot(page);
  expect(pemBodyLines(google.keyFile.private_key).filter((l) => after.includes(l))).toEqual([]);
});

test('a disabled Google key is explained in the test report', async ({ page, host, google }) => {
  await openApp(page, host);
  await startWizard(page);
  await choosePlatform(page, 'Google Cloud service account');
  await next(page, 'Connection details');
  await next(page, 'Credentials');
  await field(page, 'Service-account key file').setInputFiles({
    name: 'key.json',
    mimeType: 'application/json',
    buffer: Buffer.from(google.keyFileText),
  });
  await expect(page.getByText(google.keyFile.private_key_id, { exact: true })).toBeVisible();
  await next(page, 'Test and save');
  google.disableKey();
  await runTest(page);
  await expect(failure(page)).toContainText(/deleted or disabled/);
  await shoot(page, 'google-disabled-key', failure(page));
});

test('a file that is not a key file is refused with what to do', async ({ page, host }) => {
  await openApp(page, host);
  await startWizard(page);
  await choosePlatform(page, 'Google Cloud service account');
  await next(page, 'Connection details');
  await next(page, 'Credentials');
  await field(page, 'Service-account key file').setInputFiles({
    name: 'client_secret.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ installed: { client_id: 'x' } })),
  });
  await expect(page.getByRole('alert')).toContainText('Drop the JSON key file');
});
