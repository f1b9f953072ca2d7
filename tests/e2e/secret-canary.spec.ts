import { execFile } from 'node:child_process';
import type { Page } from '@playwright/test';
import { startOAuth2Emulator, type OAuth2Emulator } from '../fixtures/emulators/index.js';
import { leaksInDir, leaksInText } from '../fixtures/canary/leak-forms.js';
import { expect, openApp, snap, startServe, stopServe, test } from './fixtures.js';
import { heapSnapshot } from './heap.js';
import {
  choosePlatform,
  expectValidToken,
  field,
  next,
  runTest,
  saveAndFindRow,
  startWizard,
  success,
} from './wizard-helpers.js';

// A canary client secret and canary access tokens go through the whole life of a
// connection — typed into the wizard, tested, saved, tokens fetched, requests sent, history
// written, curl copied, the CLI run, the app restarted — and are then searched for everywhere they
// must not be: every file of the data dir, the host's logs, the CLI's output, the page (DOM,
// storage, clipboard, JavaScript heap). The tokens may reach the page only after "Reveal token".

// Characters that change under base64, URL and form encoding, so every encoded form is searched.
const SECRET = 'GrantlineCanary+/%#:&=-5c2e9a7d41';
const NAME = 'OAuth 2.0 (token URL)';
const TRY_REQUEST = /^Try a request with OAuth 2\.0 \(token URL\)/;
let idp: OAuth2Emulator;

test.beforeAll(async () => {
  idp = await startOAuth2Emulator({ clientId: 'canary-client', clientSecret: SECRET });
});
test.afterAll(async () => {
  await idp?.close();
});

/** Run the CLI without blocking this process: the IdP emulator answers from this event loop. */
function cli(args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/grantline.js', ...args],
      { encoding: 'utf8', timeout: 30_000 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ status, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

async function area(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** The canaries found in one piece of text: the secret in any encoding, any issued token. */
function canariesIn(text: string): string[] {
  return [
    ...leaksInText(text, SECRET).map((form) => `secret as ${form}`),
    ...idp
      .issued()
      .filter((token) => text.includes(token))
      .map((token) => `token …${token.slice(-12)}`),
  ];
}

test('a canary secret and canary tokens leak nowhere across a whole session and a restart', async ({
  page,
  host,
  dataDir,
}) => {
  test.setTimeout(150_000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: host.origin,
  });
  await openApp(page, host);

  // 1. The wizard: the secret is typed key by key, tested, saved; the list fetches a token.
  await startWizard(page);
  await choosePlatform(page, NAME);
  await next(page, 'Connection details');
  await field(page, 'Token URL').fill(idp.tokenUrl);
  await next(page, 'Credentials');
  await field(page, 'Client ID').fill(idp.clientId);
  await field(page, 'Client secret').pressSequentially(SECRET);
  await next(page, 'Test and save');
  await runTest(page);
  await expect(success(page)).toBeVisible();
  await expectValidToken(await saveAndFindRow(page, NAME));

  // 2. The composer: a request with the connection's token, then "Copy as curl".
  await page.getByRole('button', { name: TRY_REQUEST }).click();
  await page.getByRole('textbox', { name: 'URL', exact: true }).fill(idp.apiUrl);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByLabel('Status 200 OK')).toBeVisible({ timeout: 20_000 });
  expect(idp.apiRequests()).toBe(1);
  await page.getByRole('button', { name: 'Copy as curl' }).click();
  await expect(page.getByText('Copied as curl (Authorization redacted).')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(idp.apiUrl);
  expect(copied).toMatch(/authorization/i);
  expect(canariesIn(copied), 'the copied curl is redacted').toEqual([]);

  // 3. The CLI on the same data dir: prints a token (its job), never the secret.
  const token = await cli(['token', '--connection', NAME, '--data-dir', dataDir]);
  expect(token.status, token.output).toBe(0);
  expect(idp.issued()).toContain(token.output.trim());
  const cliOutputs = [
    token.output,
    (await cli(['token', '--connection', NAME, '--data-dir', dataDir, '--json'])).output,
    (await cli(['decode', token.output.trim()])).output,
    (await cli(['token', '--connection', 'no such connection', '--data-dir', dataDir])).output,
  ];
  for (const output of cliOutputs) expect(leaksInText(output, SECRET)).toEqual([]);

  // 4. Restart: the connection, its secret and the history survive; a new token is fetched.
  expect(await stopServe(host)).toBe(0);
  const again = await startServe(dataDir);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: again.origin,
  });
  try {
    await openApp(page, again);
    // Tokens live in main's memory only: after a restart there is none until one is needed.
    await expect(page.getByRole('listitem', { name: NAME, exact: true })).toContainText(
      'Never fetched',
    );
    await page.getByRole('button', { name: TRY_REQUEST }).click();
    await page.getByRole('tab', { name: /History/ }).click();
    await expect(page.getByRole('complementary', { name: 'Request library' })).toContainText(
      '/api/resource',
    );
    await page.getByRole('textbox', { name: 'URL', exact: true }).fill(idp.apiUrl);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByLabel('Status 200 OK')).toBeVisible({ timeout: 20_000 });
    expect(idp.apiRequests()).toBe(2);
    expect(idp.issued().length).toBeGreaterThanOrEqual(2);

    // 5. The page before any reveal: DOM, storage, clipboard and heap hold no canary.
    await area(page, 'Inspector');
    await page.getByRole('radio', { name: "A connection's token" }).check();
    await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: NAME });
    await expect(page.getByTestId('token-kind')).toContainText('Signed JWT (JWS)');
    const storage = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    expect(canariesIn(await page.content())).toEqual([]);
    expect(canariesIn(storage)).toEqual([]);
    expect(canariesIn(clipboard)).toEqual([]);
    const before = await heapSnapshot(page);
    expect(before.length).toBeGreaterThan(100_000);
    expect(canariesIn(before), 'canaries in the renderer heap before any reveal').toEqual([]);
    await snap(page, 'security-canary-before-reveal');

    // 6. The control: after an explicit reveal the token is in the page, and the search finds it.
    await page.getByRole('button', { name: 'Reveal token' }).click();
    const revealed = await page.getByRole('textbox', { name: 'Revealed token' }).inputValue();
    expect(idp.issued()).toContain(revealed);
    const after = await heapSnapshot(page);
    expect(canariesIn(after)).toContain(`token …${revealed.slice(-12)}`);
    expect(leaksInText(after, SECRET), 'the secret, even after a token reveal').toEqual([]);
    await page.getByRole('button', { name: 'Hide token' }).click();
  } finally {
    await stopServe(again);
  }

  // 7. Files and logs: neither the secret nor any token, in any encoding, anywhere.
  expect(leaksInDir(dataDir, SECRET)).toEqual([]);
  for (const issued of idp.issued()) expect(leaksInDir(dataDir, issued)).toEqual([]);
  const logs = `${host.output()}\n${again.output()}`;
  expect(logs).toContain('Grantline is running at');
  expect(canariesIn(logs)).toEqual([]);
});
