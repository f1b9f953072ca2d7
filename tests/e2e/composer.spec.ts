import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startApiServer, type ApiServer } from '../fixtures/api-server/index.js';
import { saveConnection, seedConnections } from '../fixtures/api-server/e2e-helpers.js';
import { startOidcFixture, type OidcFixture } from '../fixtures/oidc/oidc-fixture.js';
import {
  expect,
  type Host,
  openApp,
  showTree,
  snap,
  startServe,
  stopServe,
  test,
} from './fixtures.js';

// One IdP and one API server for the file; each test gets its own `grantline serve` and data dir.
let oidc: OidcFixture;
let api: ApiServer;

test.beforeAll(async () => {
  oidc = await startOidcFixture({ privateKeyJwtClient: false });
  api = await startApiServer({ issuer: oidc.issuer, jwksUri: oidc.jwksUri });
});
test.afterAll(async () => {
  await api?.close();
  await oidc?.close();
});

const central = (): Parameters<typeof saveConnection>[2] => seedConnections(api.origin)[0]!;

async function openComposer(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Areas' })
    .getByRole('button', { name: 'Composer' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Composer' })).toBeVisible();
}

async function pickConnection(page: Page, name: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: name });
  await expect(page.getByRole('list', { name: 'Catalog endpoints' })).toBeVisible();
}

async function send(page: Page, status = 'Status 200 OK'): Promise<void> {
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByLabel(status)).toBeVisible({ timeout: 20_000 });
}

/** A fresh app with the Axway Central connection saved, open in the composer. */
async function composerWithCentral(page: Page, host: Host): Promise<void> {
  await openApp(page, host);
  await saveConnection(page, oidc, central());
  await openComposer(page);
  await pickConnection(page, 'Axway Central');
}

async function setUrl(page: Page, url: string): Promise<void> {
  await page.getByRole('textbox', { name: 'URL', exact: true }).fill(url);
}

test.describe('request composer in browser mode', () => {
  test('the catalog request of each vendor platform succeeds with its connection token', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    const specs = seedConnections(api.origin);
    for (const spec of specs) await saveConnection(page, oidc, spec);
    await openComposer(page);
    api.reset();
    oidc.resetCount();
    for (const spec of specs) {
      await pickConnection(page, spec.name);
      await page
        .getByRole('list', { name: 'Catalog endpoints' })
        .getByRole('button', {
          name: new RegExp(spec.endpoint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
        })
        .click();
      await send(page);
      await showTree(page);
      await expect(page.getByRole('tree', { name: 'JSON body' })).toContainText(spec.expect);
      expect(api.count(spec.path), spec.path).toBe(1);
    }
    // Five connections, five API calls, each with a token the API server verified at the IdP's JWKS.
    expect(oidc.tokenRequestCount()).toBeGreaterThan(0);
    expect(api.api.requests).toHaveLength(5);
    const traceability = api.api.requests.find((r) => r.path.startsWith('/api/traceability'));
    expect(traceability?.path).toContain('groupBy=proxyId&groupBy=proxyRevision&count=10&offset=0');
  });

  test('a saved connection reaches a successful platform call in two clicks', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    await saveConnection(page, oidc, central());
    // Start where a user starts: the connections list.
    await page.reload();
    await expect(page.locator('html[data-ready="true"]')).toHaveCount(1);
    api.reset();
    await page
      .getByRole('button', { name: new RegExp(`^Try a request with ${central().name}`) })
      .click();
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByLabel('Status 200 OK')).toBeVisible({ timeout: 20_000 });
    expect(api.api.requests).toHaveLength(1);
    expect(api.api.requests[0]?.headers.authorization).toMatch(/^Bearer eyJ/);
  });

  test('a revoked token is renewed once and the request retried once, shown in the timeline', async ({
    page,
    host,
  }) => {
    await composerWithCentral(page, host);
    await send(page);
    const path = '/apis/management/v1alpha1/environments';
    oidc.resetCount();
    const before = api.count(path);
    api.rejectNextToken();
    await send(page);
    expect(oidc.tokenRequestCount()).toBe(1);
    expect(api.count(path) - before).toBe(2);
    expect(api.refusedTokens()).toBe(1);
    await expect(page.getByText('Token renewed · retried once')).toBeVisible();
    await page.getByRole('tab', { name: /Timeline/ }).click();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect(timeline).toContainText('the token was refused; renewing it');
    await expect(timeline).toContainText('Got a new token');
    await timeline.scrollIntoViewIfNeeded();
    await snap(page, 'composer-timeline-retry-light');

    // A server that refuses every token still gets exactly one retry, then the 401 is shown.
    oidc.resetCount();
    const again = api.count(path);
    api.rejectAll(true);
    await send(page, 'Status 401 Unauthorized');
    api.rejectAll(false);
    expect(oidc.tokenRequestCount()).toBe(1);
    expect(api.count(path) - again).toBe(2);

    // History records both sends, searchable, with the retry and without any token.
    await page.getByRole('tab', { name: /History/ }).click();
    await page.getByRole('searchbox', { name: 'Search history' }).fill('unauthorized');
    const history = page.getByRole('list', { name: 'History' });
    await expect(history.getByRole('button')).toHaveCount(1);
    await expect(history).toContainText('retried');
    // Re-open it: the draft comes back into the editor.
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await expect(page.getByRole('textbox', { name: 'URL', exact: true })).toHaveValue(
      '{{baseUrl}}/',
    );
    await history.getByRole('button').first().click();
    await expect(page.getByText('Reopened from history')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'URL', exact: true })).toHaveValue(
      '{{baseUrl.central}}/apis/management/v1alpha1/environments',
    );
  });

  test('a redirect to another origin arrives without Authorization; binary bodies; save to file', async ({
    page,
    host,
  }) => {
    await composerWithCentral(page, host);
    const before = api.otherOriginAuthorization().length;
    await setUrl(page, '{{baseUrl.central}}/redirect/other-origin');
    await send(page);
    expect(api.otherOriginAuthorization().slice(before)).toEqual([false]);
    await page.getByRole('tab', { name: /Timeline/ }).click();
    await expect(page.getByRole('list', { name: 'Timeline' })).toContainText(
      'Authorization not sent: another origin',
    );
    // On the same origin the token does follow the redirect.
    await setUrl(page, '{{baseUrl.central}}/redirect/same-origin');
    await send(page);
    await page
      .getByRole('tablist', { name: 'Response' })
      .getByRole('tab', { name: 'Body' })
      .click();
    await showTree(page);
    await expect(page.getByRole('tree', { name: 'JSON body' })).toContainText('authorization:true');

    // A binary body opens as a hex dump, and any body can be saved to a file.
    await setUrl(page, '{{baseUrl.central}}/binary');
    await send(page);
    await expect(page.getByRole('region', { name: 'Hex dump' })).toContainText(
      '00000000  89 50 4e 47 0d 0a 1a 0a',
    );
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save to file' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('binary.bin');
    const bytes = readFileSync(await download.path());
    expect(bytes.length).toBe(4096);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
  });

  test('a download can be cancelled midway, and the server sees the client hang up', async ({
    page,
    host,
  }) => {
    await composerWithCentral(page, host);
    const before = api.aborted().length;
    await setUrl(page, '{{baseUrl.central}}/big.json?mb=50&mbps=5');
    await page.getByRole('button', { name: 'Send' }).click();
    const progress = page.getByRole('progressbar', { name: 'Download progress' });
    await expect(progress).toHaveAttribute('aria-valuetext', /MB of 50\.0 MB received/, {
      timeout: 15_000,
    });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: 'Cancelled' })).toBeVisible();
    await expect.poll(() => api.aborted().length).toBe(before + 1);
    expect(api.aborted().at(-1)!.sentBytes).toBeLessThan(50 * 1024 * 1024);
    await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
  });

  test('code snippets redact the token unless asked; curl imports; the last request survives a restart', async ({
    page,
    host,
    context,
  }) => {
    // Snippets, clipboard, curl import, a send, saving and a restart: every step waits for what
    // it means, but the whole takes more than the default 30 s when the machine is busy.
    test.setTimeout(90_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await composerWithCentral(page, host);

    await page.getByRole('button', { name: 'Code…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Code for this request' });
    const code = dialog.getByLabel('Generated code');
    await expect(code).toContainText("--header 'Authorization: Bearer [redacted]'");
    await dialog.getByLabel('Language').selectOption({ label: 'Python (requests)' });
    await expect(code).toContainText('"Authorization": "Bearer [redacted]"');
    await dialog.getByRole('checkbox', { name: 'Include the real token' }).check();
    await expect(code).toContainText('"Authorization": "Bearer eyJ');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await page.getByRole('button', { name: 'Copy as curl' }).click();
    await expect(page.getByText('Copied as curl (Authorization redacted).')).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('Bearer [redacted]');
    expect(copied).not.toContain('eyJ');

    await page.getByRole('button', { name: 'Import curl' }).click();
    await page
      .getByRole('textbox', { name: 'curl command' })
      .fill(
        `curl '${api.origin}/echo?from=curl&n=1' -H 'Accept: application/json' -H 'Authorization: Bearer abc.def.ghi'`,
      );
    await page.getByRole('dialog').getByRole('button', { name: 'Import' }).click();
    const url = page.getByRole('textbox', { name: 'URL', exact: true });
    await expect(url).toHaveValue('{{baseUrl.central}}/echo?from=curl&n=1');
    await expect(
      page.getByText(/Bearer token was kept as a custom Authorization header/),
    ).toBeVisible();
    // The command's own token became the request's auth; use the connection's instead.
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByRole('radio', { name: /Connection token/ }).check();
    await page.getByRole('tab', { name: /^Params/ }).click();
    await expect(page.getByRole('textbox', { name: 'Value of param 2' })).toHaveValue('1');

    // Editing the params table rewrites the URL's query.
    await page.getByRole('textbox', { name: 'Value of param 2' }).fill('two words');
    await expect(url).toHaveValue('{{baseUrl.central}}/echo?from=curl&n=two%20words');
    await send(page);

    // Copy a value and its path out of the JSON tree.
    await showTree(page);
    const tree = page.getByRole('tree', { name: 'JSON body' });
    await tree.getByRole('treeitem', { name: /^path/ }).click();
    await tree.getByRole('button', { name: 'Copy value of $.path' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe('/echo?from=curl&n=two%20words');
    await tree.getByRole('button', { name: 'Copy path $.path' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('$.path');

    // Save it as a file of the workspace.
    await page.getByRole('button', { name: 'Save as…' }).click();
    await page.getByRole('textbox', { name: 'Name of the request file' }).fill('Echo with params');
    await page.getByRole('button', { name: 'Save file' }).click();
    await expect(page.getByText('Saved as echo-with-params.yaml.')).toBeVisible();
    await page
      .getByRole('tablist', { name: 'Library' })
      .getByRole('tab', { name: /Collections/ })
      .click();
    await expect(page.getByRole('list', { name: 'Collections' })).toContainText('Echo with params');

    // Restart the host on the same data dir: the draft comes back.
    await stopServe(host);
    const restarted = await startServe(host.dataDir);
    try {
      await openApp(page, restarted);
      await openComposer(page);
      await expect(page.getByRole('textbox', { name: 'URL', exact: true })).toHaveValue(
        '{{baseUrl.central}}/echo?from=curl&n=two%20words',
      );
      // The tab comes back bound to its file.
      await expect(page.getByText(/^echo-with-params\.yaml/)).toBeVisible();
      await page
        .getByRole('tablist', { name: 'Library' })
        .getByRole('tab', { name: /Collections/ })
        .click();
      await expect(page.getByRole('list', { name: 'Collections' })).toContainText(
        'Echo with params',
      );
    } finally {
      await stopServe(restarted);
    }
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`screenshots of the composer and the response viewer (${scheme})`, async ({
      page,
      host,
    }) => {
      // Four views of the response, each formatted or paged in main: more than the default 30 s
      // on a loaded machine.
      test.setTimeout(90_000);
      await page.emulateMedia({ colorScheme: scheme });
      await openApp(page, host);
      await saveConnection(page, oidc, seedConnections(api.origin)[1]!);
      await openComposer(page);
      await pickConnection(page, 'Axway Traceability');
      await page
        .getByRole('list', { name: 'Catalog endpoints' })
        .getByRole('button', { name: /Traceability: traffic summary/ })
        .click();
      await snap(page, `composer-request-${scheme}`);
      await send(page);
      await showTree(page);
      const tree = page.getByRole('tree', { name: 'JSON body' });
      // The first level is open: `result` shows its items; open the first.
      await tree.getByRole('treeitem', { name: '0 {…} 4 keys' }).click();
      await expect(tree).toContainText('transactionCount');
      await snap(page, `composer-response-${scheme}`);
      await page
        .getByRole('radiogroup', { name: 'Body view' })
        .getByRole('radio', { name: 'Raw' })
        .check();
      await expect(page.getByRole('region', { name: 'Raw body' })).toContainText('proxyRevision');
      await snap(page, `composer-response-raw-${scheme}`);
      await page
        .getByRole('tablist', { name: 'Request' })
        .getByRole('tab', { name: /Body/ })
        .click();
      await page
        .getByRole('radiogroup', { name: 'Body type' })
        .getByRole('radio', { name: 'JSON' })
        .check();
      await expect(page.getByRole('textbox', { name: 'JSON body' })).toBeVisible();
      await page
        .getByRole('textbox', { name: 'JSON body' })
        .fill('{\n  "name": "{{clientId}}",\n  "count": 3,\n  "tags": ["a", "b"]\n}');
      await expect(page.getByText('Valid JSON.')).toBeVisible();
      await snap(page, `composer-body-editor-${scheme}`);
    });
  }
});
