import type { Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { startApiServer, type ApiServer } from '../fixtures/api-server/index.js';
import { saveConnection, seedConnections } from '../fixtures/api-server/e2e-helpers.js';
import {
  startAmplienceEmulator,
  startWso2ApkEmulator,
  type AmplienceEmulator,
  type Wso2ApkEmulator,
} from '../fixtures/emulators/index.js';
import { faultRoutes, startFaultServer, type FaultServer } from '../fixtures/fault-server/index.js';
import { mintToken } from '../fixtures/oidc/mint-token.js';
import { startOidcFixture, type OidcFixture } from '../fixtures/oidc/oidc-fixture.js';
import { Audit, axe, type Scheme } from './a11y-audit.js';
import { expect, openApp, showTree, snap, stopServe, test } from './fixtures.js';
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
  startWizard,
  success,
} from './wizard-helpers.js';

// Accessibility: axe-core on every screen and significant state, in both palettes. Any serious or
// critical violation fails the run; every finding (minor and moderate too) goes into a table
// printed at the end of each walk and written to artifacts/a11y/ for the README.

// A missing control fails in seconds instead of using up the whole walk's time.
test.use({ actionTimeout: 15_000 });

let oidc: OidcFixture;
let api: ApiServer;
let amplience: AmplienceEmulator;
let apk: Wso2ApkEmulator;
let faults: FaultServer;

test.beforeAll(async () => {
  [oidc, amplience, apk, faults] = await Promise.all([
    startOidcFixture({ privateKeyJwtClient: false }),
    startAmplienceEmulator(),
    startWso2ApkEmulator(),
    startFaultServer(),
  ]);
  api = await startApiServer({ issuer: oidc.issuer, jwksUri: oidc.jwksUri });
});

test.afterAll(async () => {
  await Promise.all([
    api?.close(),
    oidc?.close(),
    amplience?.close(),
    apk?.close(),
    faults?.close(),
  ]);
});

async function goTo(page: Page, area: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: area }).click();
  await expect(page.getByRole('heading', { level: 1, name: area })).toBeVisible();
}

/** Leave the wizard without saving. */
async function cancelWizard(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  const list = page.getByRole('heading', { level: 1, name: 'Connections' });
  const discard = page.getByRole('button', { name: 'Discard draft' });
  // A draft with a typed secret asks first.
  await expect(list.or(discard)).toBeVisible();
  if (await discard.isVisible()) await discard.click();
  await expect(list).toBeVisible();
}

/** Run the wizard's test, whichever label its button has now, and wait for the verdict. */
async function testNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Test (connection|again)$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Asking the server' })).toHaveCount(0, {
    timeout: 20_000,
  });
}

/** Connections list, settings and every wizard step, including its waiting and failure states. */
async function walkConnectionsAndWizard(page: Page, audit: Audit): Promise<void> {
  await expect(page.getByRole('button', { name: 'Add a connection' })).toBeVisible();
  await audit.scan('Connections: empty');

  await goTo(page, 'Settings');
  await audit.scan('Settings');
  await goTo(page, 'Composer');
  await expect(page.getByRole('heading', { name: 'No connections yet' })).toBeVisible();
  await audit.scan('Composer: no connections');
  await goTo(page, 'Connections');

  // Paste a curl command, read it.
  await startWizard(page);
  await audit.scan('Wizard 1: platform cards');
  await snap(page, `a11y-wizard-platforms-${audit.scheme}`);
  await page.getByRole('button', { name: 'Paste a curl command' }).click();
  await field(page, 'curl command').fill(
    `curl -k '${apk.tokenUrl}' -H 'Host: idp.am.wso2.com' --proxy 'http://proxy.example:3128' -d grant_type=client_credentials -u 'id:secret'`,
  );
  await page.getByRole('button', { name: 'Read the command' }).click();
  await expect(page.getByRole('region', { name: 'What the command says' })).toBeVisible();
  await audit.scan('Wizard 1: curl paste, read');
  await cancelWizard(page);

  // A server that never answers: the test is running; then a self-signed certificate.
  await startWizard(page);
  await choosePlatform(page, 'OAuth 2.0 (token URL)');
  await audit.scan('Wizard 2: guidance');
  await next(page, 'Connection details');
  await field(page, 'Token URL').fill(faults.url(faultRoutes.hang));
  await openAdvanced(page);
  await audit.scan('Wizard 3: details, advanced open');
  await snap(page, `a11y-wizard-details-${audit.scheme}`);
  await next(page, 'Credentials');
  await fillCredentials(page, 'a11y-client', 'a11y-secret');
  await audit.scan('Wizard 4: credentials');
  await next(page, 'Test and save');
  await audit.scan('Wizard 5: test, idle');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Asking the server' })).toBeVisible();
  await audit.scan('Wizard 5: test running');
  await page.getByRole('button', { name: 'Cancel test' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Asking the server' })).toHaveCount(0);
  await audit.scan('Wizard 5: test stopped');
  await page
    .getByRole('navigation', { name: 'Wizard steps' })
    .getByRole('button', {
      name: /Connection details/,
    })
    .click();
  await expectStep(page, 'Connection details');
  await field(page, 'Token URL').fill(apk.tokenUrl);
  await next(page, 'Credentials');
  await next(page, 'Test and save');
  await testNow(page);
  await expect(
    failure(page).getByRole('button', { name: 'Trust this certificate and test again' }),
  ).toBeVisible();
  await audit.scan('Wizard 5: TLS trust prompt');
  await cancelWizard(page);

  // A rejected secret, fixed: failure, then success, then saved.
  await startWizard(page);
  await choosePlatform(page, 'Amplience');
  await next(page, 'Connection details');
  await openAdvanced(page);
  await field(page, 'Token URL override').fill(amplience.tokenUrl);
  await next(page, 'Credentials');
  await fillCredentials(page, amplience.clientId, 'not-the-secret');
  await next(page, 'Test and save');
  await runTest(page);
  await expect(failure(page)).toBeVisible();
  await audit.scan('Wizard 5: test failed (HTTP 400)');
  await failure(page).getByLabel('Request', { exact: true }).scrollIntoViewIfNeeded();
  await snap(page, `a11y-wizard-failed-${audit.scheme}`);
  await failure(page).getByRole('button', { name: 'Edit credentials' }).click();
  await expectStep(page, 'Credentials');
  await field(page, 'Client secret').fill(amplience.clientSecret);
  await page.getByRole('button', { name: 'Show secret' }).click();
  await audit.scan('Wizard 4: credentials, secret shown');
  await next(page, 'Test and save');
  await testNow(page);
  await expect(success(page)).toBeVisible();
  await audit.scan('Wizard 5: test succeeded');
  const row = await saveAndFindRow(page, 'Amplience');
  await expect(row.getByText(/ left$/)).toBeVisible({ timeout: 15_000 });
  await audit.scan('Connections: one valid');

  // A second connection whose secret is wrong: the list's error state, rename and delete.
  const saved = await page.evaluate(
    async ({ tokenUrl, clientId }) => {
      const bridge = (
        window as unknown as { api: Record<string, (a: unknown) => Promise<{ ok: boolean }>> }
      ).api;
      return bridge['connections:save']!({
        connection: { name: 'Amplience staging', presetId: 'amplience', clientId, tokenUrl },
        secrets: { clientSecret: 'wrong-secret' },
      });
    },
    { tokenUrl: amplience.tokenUrl, clientId: amplience.clientId },
  );
  expect(saved.ok).toBe(true);
  await saveConnection(page, oidc, seedConnections(api.origin)[0]!);
  await goTo(page, 'Settings');
  await goTo(page, 'Connections');
  const bad = page.getByRole('listitem', { name: 'Amplience staging' });
  await bad.getByRole('button', { name: 'Test Amplience staging' }).click();
  await expect(bad.getByText('Failing')).toBeVisible();
  await audit.scan('Connections: valid, failing, never fetched');
  await snap(page, `a11y-connections-${audit.scheme}`);
  await page.getByRole('button', { name: 'More actions for Amplience staging' }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await audit.scan('Connections: row menu');
  await page.getByRole('menuitem', { name: /^Rename…/ }).click();
  await expect(field(page, 'New name')).toBeVisible();
  await audit.scan('Connections: renaming');
  await page.keyboard.press('Escape');
  await page
    .getByRole('region', { name: 'Amplience staging' })
    .getByRole('button', { name: 'Delete', exact: true })
    .click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await audit.scan('Connections: delete confirmation');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Keep it' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
}

/** The inspector: empty, a decoded JWT, its verified signature, a decode error, an opaque token. */
async function walkInspector(page: Page, audit: Audit): Promise<void> {
  await goTo(page, 'Inspector');
  await expect(page.getByRole('heading', { name: 'Nothing to inspect yet' })).toBeVisible();
  await audit.scan('Inspector: empty');
  const token = await mintToken(oidc);
  const box = page.getByRole('textbox', { name: 'Token to inspect' });
  await box.fill(`Bearer ${token}`);
  await expect(page.getByRole('table', { name: 'Payload' })).toBeVisible();
  await audit.scan('Inspector: decoded JWT');
  await page.getByRole('button', { name: 'Verify signature' }).click();
  await expect(page.getByTestId('signature-report')).toContainText('Signature verified');
  await audit.scan('Inspector: signature verified');
  const [header = '', payload = '', sig = ''] = token.split('.');
  await box.fill(`${header}.${payload.slice(0, 20)}%${payload.slice(21)}.${sig}`);
  await expect(page.getByRole('alert')).toContainText('could not be decoded');
  await audit.scan('Inspector: decode error');
  await box.fill('"2YotnFZFEjr1zCsicMWpAA"');
  await expect(page.getByTestId('token-kind')).toContainText('Opaque token');
  await audit.scan('Inspector: opaque token');
  // Warnings of every severity, the HMAC secret field and an expiring lifetime meter.
  const now = Math.floor(Date.now() / 1000);
  const hs = await new SignJWT({ sub: 'batch-job', scope: 'admin', iat: now })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode('a11y-shared-secret-that-is-long-enough-for-hs256'));
  await box.fill(hs);
  await expect(page.getByRole('radio', { name: 'HMAC secret' })).toBeChecked();
  await audit.scan('Inspector: HMAC token, secret field');
  const unsecured = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
    JSON.stringify({ sub: 'anyone', iat: now - 3000, exp: now + 200 }),
  ).toString('base64url')}.`;
  await box.fill(unsecured);
  await expect(page.getByTestId('token-kind')).toContainText('Unsecured JWT');
  await audit.scan('Inspector: unsecured token, critical warning, expiring');
  await page.getByRole('radio', { name: "A connection's token" }).check();
  await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: 'Axway Central' });
  await expect(page.getByTestId('token-kind')).toContainText('Signed JWT');
  await audit.scan("Inspector: a connection's token");
}

/** The composer: a request, each view of a response, its dialogs and a failed send. */
async function walkComposer(page: Page, audit: Audit): Promise<void> {
  await goTo(page, 'Composer');
  await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: 'Axway Central' });
  await expect(page.getByRole('list', { name: 'Catalog endpoints' })).toBeVisible();
  await audit.scan('Composer: request, catalog');
  await snap(page, `a11y-composer-request-${audit.scheme}`);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByLabel('Status 200 OK')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Pretty body' })).toContainText('{');
  await audit.scan('Composer: response, pretty');
  await showTree(page);
  await expect(page.getByRole('tree', { name: 'JSON body' })).toBeVisible();
  await audit.scan('Composer: response, JSON tree');
  await page
    .getByRole('radiogroup', { name: 'Body view' })
    .getByRole('radio', { name: 'Raw' })
    .check();
  await expect(page.getByRole('region', { name: 'Raw body' })).toBeVisible();
  await audit.scan('Composer: response, raw');
  const response = page.getByRole('tablist', { name: 'Response' });
  await response.getByRole('tab', { name: /Headers/ }).click();
  await audit.scan('Composer: response, headers');
  await response.getByRole('tab', { name: /Timeline/ }).click();
  await expect(page.getByRole('list', { name: 'Timeline' })).toBeVisible();
  await audit.scan('Composer: response, timeline');
  await page
    .getByRole('tablist', { name: 'Library' })
    .getByRole('tab', { name: /History/ })
    .click();
  await expect(page.getByRole('list', { name: 'History' })).toBeVisible();
  await audit.scan('Composer: history');

  await page.getByRole('button', { name: 'Code…' }).click();
  await expect(page.getByRole('dialog', { name: 'Code for this request' })).toBeVisible();
  await audit.scan('Composer: code snippet dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Import curl' }).click();
  await expect(page.getByRole('textbox', { name: 'curl command' })).toBeVisible();
  await audit.scan('Composer: curl import dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save as…' }).click();
  await expect(page.getByRole('textbox', { name: 'Name of the request file' })).toBeVisible();
  await audit.scan('Composer: save as');
  await page.getByRole('textbox', { name: 'Name of the request file' }).fill('Environments');
  await page.getByRole('button', { name: 'Save file' }).click();
  await expect(page.getByText('Saved as environments.yaml.')).toBeVisible();
  await page
    .getByRole('tablist', { name: 'Library' })
    .getByRole('tab', { name: /Collections/ })
    .click();
  await expect(page.getByRole('list', { name: 'Collections' })).toBeVisible();
  await audit.scan('Composer: collections');

  // An HTTP error from the API server...
  await page.getByRole('textbox', { name: 'URL', exact: true }).fill(`${api.origin}/missing`);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByLabel(/^Status 4\d\d/)).toBeVisible({ timeout: 20_000 });
  await audit.scan('Composer: response, HTTP 404');
  await snap(page, `a11y-composer-404-${audit.scheme}`);
  // ...and a server that resets the connection: the request itself fails.
  await page
    .getByRole('textbox', { name: 'URL', exact: true })
    .fill(`http://127.0.0.1:${new URL(faults.url(faultRoutes.reset)).port}/reset`);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('alert').getByRole('heading', { level: 2 })).toBeVisible({
    timeout: 20_000,
  });
  await audit.scan('Composer: request failed');
}

for (const scheme of ['light', 'dark'] as const satisfies readonly Scheme[]) {
  test(`every screen passes axe in the ${scheme} theme (OS preference)`, async ({ page, host }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    const audit = new Audit(page, scheme);
    try {
      await openApp(page, host);
      await walkConnectionsAndWizard(page, audit);
      await walkInspector(page, audit);
      await walkComposer(page, audit);
      // The host goes away: the banner that says so.
      await goTo(page, 'Connections');
      await stopServe(host);
      await expect(
        page.getByRole('alert').filter({ hasText: /^Lost the connection to the Grantline host/ }),
      ).toBeVisible();
      await audit.scan('Banner: lost the host');
    } finally {
      audit.report();
    }
  });
}

/** The theme's custom properties on :root, as the page resolves them now. */
async function palette(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    const names = Array.from(style).filter((n) => n.startsWith('--'));
    // Colours are light-dark() pairs: resolve each on a probe, as the page's elements see it.
    const probe = document.body.appendChild(document.createElement('span'));
    // The scheme in use ("light dark" follows the OS; "dark" is an explicit choice), as resolved.
    probe.style.color = 'light-dark(white, black)';
    const scheme = getComputedStyle(probe).color === 'rgb(255, 255, 255)' ? 'light' : 'dark';
    const resolved = (name: string): string => {
      const raw = style.getPropertyValue(name).trim();
      if (!raw.startsWith('light-dark(')) return raw;
      probe.style.color = `var(${name})`;
      return getComputedStyle(probe).color;
    };
    const entries = [['used color-scheme', scheme], ...names.map((n) => [n, resolved(n)])];
    probe.remove();
    return Object.fromEntries(entries);
  });
}

test('a theme chosen in Settings overrides the OS and uses the very palette checked above', async ({
  page,
  host,
}) => {
  const audit = new Audit(page, 'explicit choice');
  try {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openApp(page, host);
    // Every view's stylesheet is loaded first, so their tokens are compared too.
    await goTo(page, 'Composer');
    await goTo(page, 'Inspector');
    await goTo(page, 'Settings');
    const darkByOs = await palette(page);
    await page.emulateMedia({ colorScheme: 'light' });
    const lightByOs = await palette(page);
    expect(Object.keys(darkByOs).length).toBeGreaterThan(20);
    expect(darkByOs).not.toEqual(lightByOs);

    const theme = page.getByRole('combobox', { name: 'Theme' });
    await theme.selectOption({ label: 'Dark' });
    expect(await palette(page)).toEqual(darkByOs);
    await audit.scan('Settings: Dark chosen, OS light');
    await goTo(page, 'Connections');
    await audit.scan('Connections: Dark chosen, OS light');

    await page.emulateMedia({ colorScheme: 'dark' });
    await goTo(page, 'Settings');
    await theme.selectOption({ label: 'Light' });
    expect(await palette(page)).toEqual(lightByOs);
    await audit.scan('Settings: Light chosen, OS dark');
    await goTo(page, 'Connections');
    await audit.scan('Connections: Light chosen, OS dark');

    await goTo(page, 'Settings');
    await theme.selectOption({ label: 'Follow the system' });
    expect(await palette(page)).toEqual(darkByOs);
  } finally {
    audit.report();
  }
});

test('the check itself catches a low-contrast text and an unlabelled button', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect((await axe(page)).blocking, scheme).toEqual([]);
    await page.evaluate(() => {
      const faint = document.createElement('p');
      faint.id = 'a11y-canary-text';
      faint.textContent = 'Border-coloured text';
      faint.style.color = 'var(--border)';
      const icon = document.createElement('button');
      icon.id = 'a11y-canary-button';
      icon.innerHTML = '<svg width="16" height="16" aria-hidden="true"></svg>';
      document.querySelector('main')?.prepend(faint, icon);
    });
    const { blocking } = await axe(page);
    expect(blocking.join('\n'), scheme).toMatch(/color-contrast: .*#a11y-canary-text/);
    expect(blocking.join('\n'), scheme).toMatch(/button-name: .*#a11y-canary-button/);
    await page.evaluate(() => {
      document.getElementById('a11y-canary-text')?.remove();
      document.getElementById('a11y-canary-button')?.remove();
    });
  }
});
