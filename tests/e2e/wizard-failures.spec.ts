import { createServer } from 'node:net';
import { testCa } from '../fixtures/certs/index.js';
import { faultRoutes, startFaultServer, type FaultServer } from '../fixtures/fault-server/index.js';
import {
  appviewxSampleClient,
  startAmplienceEmulator,
  startAppViewXEmulator,
  startRawBasicServer,
  type AmplienceEmulator,
  type AppViewXEmulator,
  type OAuth2Emulator,
} from '../fixtures/emulators/index.js';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures.js';
import {
  choosePlatform,
  expectStep,
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
} from './wizard-helpers.js';

// What the wizard says when a test fails, and the one-click fixes it offers.

const special = 'p+ss/w%rd#1:x';
let amplience: AmplienceEmulator;
let avx: AppViewXEmulator;
let raw: OAuth2Emulator;
let faults: FaultServer;
let closedPort: number;

/** A port nothing listens on: bind one, note it, close it. */
async function freeClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 1;
}

test.beforeAll(async () => {
  [amplience, avx, raw, faults, closedPort] = await Promise.all([
    startAmplienceEmulator(),
    startAppViewXEmulator(),
    startRawBasicServer({ clientSecret: special, allowPost: false }),
    startFaultServer(),
    freeClosedPort(),
  ]);
});

test.afterAll(async () => {
  await Promise.all([amplience?.close(), avx?.close(), raw?.close(), faults?.close()]);
});

/** Generic OAuth 2.0 preset pointed at `url`, up to the test step. */
async function genericUpToTest(
  page: Page,
  url: string,
  clientId: string,
  secret: string,
  timeoutSec?: string,
): Promise<void> {
  await startWizard(page);
  await choosePlatform(page, 'OAuth 2.0 (token URL)');
  await next(page, 'Connection details');
  await field(page, 'Token URL').fill(url);
  if (timeoutSec !== undefined) {
    await openAdvanced(page);
    await field(page, 'Timeout (seconds)').fill(timeoutSec);
  }
  await next(page, 'Credentials');
  await fillCredentials(page, clientId, secret);
  await next(page, 'Test and save');
}

test('Amplience: a wrong secret (HTTP 400) is explained, with the exchange redacted', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await startWizard(page);
  await choosePlatform(page, 'Amplience');
  await next(page, 'Connection details');
  await openAdvanced(page);
  await field(page, 'Token URL override').fill(amplience.tokenUrl);
  await next(page, 'Credentials');
  await fillCredentials(page, amplience.clientId, 'not-the-secret');
  await next(page, 'Test and save');
  await runTest(page);
  const problem = failure(page);
  await expect(
    problem.getByRole('heading', {
      name: 'Test failed: the server rejected the client credentials',
    }),
  ).toBeVisible();
  await expect(
    problem.getByText(/Amplience did not accept the API key or secret \(HTTP 400\)/),
  ).toBeVisible();
  await expect(problem.getByText(/Amplience answers 400 when the client ID/)).toBeVisible();
  const request = problem.getByLabel('Request', { exact: true });
  await expect(request).toContainText('client_secret=[redacted]');
  await expect(request).not.toContainText('not-the-secret');
  await expect(problem.getByLabel('Response', { exact: true })).toContainText('HTTP 400');
  await snapBoth(page, 'amplience', 'fail-wrong-secret');
  await problem.getByRole('button', { name: 'Edit credentials' }).click();
  await expectStep(page, 'Credentials');
});

test('AppViewX: unknown service account (ACCT_SA_003) and wrong password (OAUTH_CLNT_015)', async ({
  page,
  host,
}) => {
  const url = new URL(avx.tokenUrl);
  await openApp(page, host);
  await startWizard(page);
  await choosePlatform(page, 'AppViewX');
  await next(page, 'Connection details');
  await field(page, 'Host, IP or tenant host').fill(url.hostname);
  await field(page, 'Gateway port').fill(url.port);
  await openAdvanced(page);
  await field(page, 'Custom CA (PEM)').fill(testCa.cert);
  await next(page, 'Credentials');
  await fillCredentials(page, 'no-such-account', appviewxSampleClient.clientSecret);
  await next(page, 'Test and save');
  await runTest(page);
  let problem = failure(page);
  await expect(problem.getByText('ACCT_SA_003', { exact: true })).toBeVisible();
  await expect(
    problem.getByText(/AppViewX has no service account with this client ID/),
  ).toBeVisible();
  await expect(
    problem.getByText(/Service account not found in the database/).first(),
  ).toBeVisible();
  await snapBoth(page, 'appviewx', 'fail-unknown-account');

  await page.getByRole('button', { name: 'Back' }).click();
  await expectStep(page, 'Credentials');
  await fillCredentials(page, appviewxSampleClient.clientId, 'wrong#secret%');
  await next(page, 'Test and save');
  await runTest(page, true);
  problem = failure(page);
  await expect(problem.getByText('OAUTH_CLNT_015', { exact: true })).toBeVisible();
  await expect(problem.getByText(/The client secret is wrong/)).toBeVisible();
  await expect(problem.getByLabel('Request', { exact: true })).toContainText(
    'authorization: Basic [redacted]',
  );
  await snapBoth(page, 'appviewx', 'fail-wrong-secret');
});

test('wrong auth method: HTTP Basic rejected, client_secret_post works, switch in one click', async ({
  page,
  host,
}) => {
  // A server that only reads the client from the form body (as Amplience's does), set up with
  // the generic preset's HTTP Basic.
  await openApp(page, host);
  await genericUpToTest(page, amplience.tokenUrl, amplience.clientId, amplience.clientSecret);
  await runTest(page);
  const problem = failure(page);
  await expect(problem.getByRole('heading', { name: 'Works only with Form body' })).toBeVisible();
  await expect(
    problem.getByText('The server rejected HTTP Basic; Form body works — switch?'),
  ).toBeVisible();
  await snapBoth(page, 'generic', 'fail-wrong-method');
  await problem.getByRole('button', { name: 'Switch to Form body' }).click();
  await expect(success(page)).toBeVisible();
  await expect(page.getByText('Form body (client_secret_post)')).toBeVisible();
  const row = await saveAndFindRow(page, 'OAuth 2.0 (token URL)');
  await expect(row.getByText(/ left$/)).toBeVisible();
});

test('wrong auth method: a server that wants the Basic secret unencoded', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await genericUpToTest(page, raw.tokenUrl, raw.clientId, special);
  await runTest(page);
  const problem = failure(page);
  await expect(
    problem.getByText('The server rejected HTTP Basic; HTTP Basic, unencoded works — switch?'),
  ).toBeVisible();
  await problem.getByRole('button', { name: 'Switch to HTTP Basic, unencoded' }).click();
  await expect(success(page)).toBeVisible();
});

test('unreachable host: a closed port says it could not connect and points at the details', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await genericUpToTest(page, `http://127.0.0.1:${closedPort}/oauth2/token`, 'id', 'secret');
  await runTest(page);
  const problem = failure(page);
  await expect(
    problem.getByRole('heading', { name: 'Test failed: could not connect' }),
  ).toBeVisible();
  await expect(problem.getByText('No answer came back (see the error above).')).toBeVisible();
  await snapBoth(page, 'generic', 'fail-unreachable');
  await problem.getByRole('button', { name: 'Edit connection details' }).click();
  await expectStep(page, 'Connection details');
});

test('timeout: a server that never answers, with a short timeout from Advanced options', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await genericUpToTest(page, faults.url(faultRoutes.hang), 'id', 'secret', '1');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('button', { name: 'Cancel test' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Asking the server' })).toBeVisible();
  const problem = failure(page);
  await expect(
    problem.getByRole('heading', { name: 'Test failed: no answer in time' }),
  ).toBeVisible();
  await expect(problem.getByText(/No complete answer from .* within 1 s/)).toBeVisible();
  await expect(problem.getByRole('button', { name: 'Allow 60 s and test again' })).toBeVisible();
  await snapBoth(page, 'generic', 'fail-timeout');
});

test('Cancel test aborts the token request in main, not just the wait on screen', async ({
  page,
  host,
}) => {
  const server = await startFaultServer();
  try {
    await openApp(page, host);
    // The default 30 s timeout: only the cancel can close the request within the few seconds below.
    await genericUpToTest(page, server.url(faultRoutes.hang), 'id', 'secret');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => server.count(faultRoutes.hang)).toBe(1);
    await page.getByRole('button', { name: 'Cancel test' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Asking the server' })).toHaveCount(0);
    await server.closedResponse(faultRoutes.hang, 5_000);
    await expect(page.getByRole('button', { name: 'Test connection' })).toBeEnabled();
  } finally {
    await server.close();
  }
});
