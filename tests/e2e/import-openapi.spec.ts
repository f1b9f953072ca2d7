import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { saveConnection } from '../fixtures/api-server/e2e-helpers.js';
import { startOidcFixture, type OidcFixture } from '../fixtures/oidc/oidc-fixture.js';
import { axe } from './a11y-audit.js';
import { expect, openApp, showTree, snap, test } from './fixtures.js';

// The Petstore as published (OpenAPI 3.0, JSON), from the @readme/oas-examples package.
const PETSTORE = fileURLToPath(
  new URL('../../node_modules/@readme/oas-examples/3.0/json/petstore.json', import.meta.url),
);

let oidc: OidcFixture;
let petstore: Server;
let petOrigin: string;
const calls: { path: string; authorization: string | undefined }[] = [];

// A local stand-in for the Petstore API: it answers only requests that carry a bearer token.
test.beforeAll(async () => {
  oidc = await startOidcFixture({ privateKeyJwtClient: false });
  petstore = createServer((req, res) => {
    calls.push({ path: req.url ?? '', authorization: req.headers.authorization });
    if (!/^Bearer eyJ/.test(req.headers.authorization ?? '')) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"no token"}');
      return;
    }
    const pet = /^\/v2\/pet\/(\d+)$/.exec(req.url ?? '');
    if (pet !== null) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: Number(pet[1]),
          name: 'doggie',
          category: { id: 1, name: 'Dogs' },
          photoUrls: [],
          status: 'available',
        }),
      );
      return;
    }
    if (req.url === '/v2/store/inventory') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"available":3,"pending":1,"sold":2}');
      return;
    }
    if ((req.url ?? '').startsWith('/v2/pet/findByStatus?status=sold')) {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('[{"id":7,"name":"Rex","status":"sold"}]');
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
  });
  await new Promise<void>((resolve) => petstore.listen(0, '127.0.0.1', resolve));
  petOrigin = `http://127.0.0.1:${(petstore.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => petstore?.close(resolve));
  await oidc?.close();
});

async function openComposerFor(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Areas' })
    .getByRole('button', { name: 'Composer' })
    .click();
  await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: name });
  await expect(page.getByText(/preset documents no endpoints/)).toBeVisible();
}

async function importPetstore(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Import API…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import an API' });
  await dialog.getByLabel('API document file').setInputFiles(PETSTORE);
  await expect(dialog.getByText('petstore.json')).toBeVisible();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'API imported' })).toBeVisible({ timeout: 30_000 });
}

test.describe('API import in browser mode', () => {
  // Each test imports a document and sends requests through a token fetch on a shared machine.
  test.describe.configure({ timeout: 120_000 });

  test('imports the published Petstore, opens an operation, fills its path parameter and calls it with the token', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    await saveConnection(page, oidc, {
      name: 'Petstore',
      presetId: 'generic-oauth2',
      client: 'post',
      apiBaseUrls: [{ name: 'Petstore', url: `${petOrigin}/v2` }],
    });
    await openComposerFor(page, 'Petstore');
    await importPetstore(page);
    const report = page.getByRole('dialog', { name: 'API imported' });
    await expect(report).toContainText('Swagger Petstore');
    await expect(report).toContainText('OpenAPI 3.0.0');
    await expect(report.getByRole('region', { name: 'Not imported' })).toContainText('uploadImage');
    await expect(report.getByRole('region', { name: 'Security schemes' })).toContainText(
      'petstore_auth',
    );
    const created = report.getByRole('region', { name: 'Created requests' });
    await expect(created.getByRole('button')).toHaveCount(20);

    // Open "Find pet by ID": its path parameter is a variable to fill, documented on hover.
    await created.getByRole('button', { name: /Find pet by ID/ }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: 'URL', exact: true })).toHaveValue(
      '{{baseUrl}}/pet/{{petId}}',
    );
    // The tab is bound to the request file the import wrote.
    await expect(page.getByText('Swagger Petstore/pet/find-pet-by-id.yaml').first()).toBeVisible();
    await page.getByRole('tab', { name: /Variables/ }).click();
    const value = page.getByRole('textbox', { name: 'Value of variable 1' });
    await expect(value).toHaveAttribute('placeholder', 'required');
    await expect(value).toHaveAttribute(
      'title',
      /path parameter · integer \(int64\) · required\nID of pet to return/,
    );
    await value.fill('42');
    calls.length = 0;
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByLabel('Status 200 OK')).toBeVisible({ timeout: 20_000 });
    await showTree(page);
    await expect(page.getByRole('tree', { name: 'JSON body' })).toContainText('doggie');
    expect(calls.map((c) => c.path)).toEqual(['/v2/pet/42']);
    expect(calls[0]?.authorization).toMatch(/^Bearer eyJ/);
  });

  test('checks a body against the operation’s schema and generates an example', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    await saveConnection(page, oidc, {
      name: 'Petstore',
      presetId: 'generic-oauth2',
      client: 'post',
      apiBaseUrls: [{ name: 'Petstore', url: `${petOrigin}/v2` }],
    });
    await openComposerFor(page, 'Petstore');
    await importPetstore(page);
    const report = page.getByRole('dialog', { name: 'API imported' });
    for (const [width, height] of [
      [1280, 800],
      [1024, 700],
    ] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme });
        await snap(page, `import-report-${width}x${height}-${colorScheme}`);
      }
    }
    expect((await axe(page)).blocking).toEqual([]);
    await report
      .getByRole('region', { name: 'Created requests' })
      .getByRole('button', { name: /Finds Pets by status/ })
      .click();
    await page.getByRole('tab', { name: /Params/ }).click();
    await expect(page.getByText('GET /pet/findByStatus')).toBeVisible();
    const status = page.getByRole('textbox', { name: 'Value of param 1' });
    await expect(status).toHaveAttribute(
      'title',
      /query parameter · array of string \(available, pending, sold\) · required/,
    );
    await status.fill('sold');
    await expect(page.getByRole('textbox', { name: 'URL', exact: true })).toHaveValue(
      '{{baseUrl}}/pet/findByStatus?status=sold',
    );
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByLabel('Status 200 OK')).toBeVisible({ timeout: 20_000 });
    await showTree(page);
    await expect(page.getByRole('tree', { name: 'JSON body' })).toContainText('3 keys');
    expect(calls.at(-1)?.path).toBe('/v2/pet/findByStatus?status=sold');

    // Add a new pet: the example body is valid; a wrong status is marked in the editor.
    await page.getByRole('button', { name: 'Import API…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import an API' });
    await expect(dialog.getByRole('button', { name: 'Choose file…' })).toBeVisible();
    for (const [width, height] of [
      [1280, 800],
      [1024, 700],
    ] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme });
        await snap(page, `import-dialog-${width}x${height}-${colorScheme}`);
      }
    }
    expect((await axe(page)).blocking).toEqual([]);
    await dialog.getByRole('tab', { name: 'Paste' }).click();
    await expect(dialog.getByRole('textbox', { name: /The document/ })).toBeVisible();
    await snap(page, 'import-dialog-paste-1024x700-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog.getByRole('tab', { name: 'File' }).click();
    await importPetstore2(page);
    await page
      .getByRole('dialog', { name: 'API imported' })
      .getByRole('region', { name: 'Created requests' })
      .getByRole('button', { name: /Add a new pet to the store/ })
      .click();
    await page.getByRole('tablist', { name: 'Request' }).getByRole('tab', { name: /Body/ }).click();
    const editor = page.locator('.code-editor .cm-content');
    await expect(editor).toContainText('doggie');
    await page.getByRole('button', { name: 'Generate example' }).click();
    await expect(editor).toContainText('"photoUrls"');
    await expect(page.locator('.code-editor .cm-lintRange-warning')).toHaveCount(0);
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('{"name": "Rex", "photoUrls": [], "status": "asleep"}');
    await expect(page.locator('.code-editor .cm-lintRange-warning')).toHaveCount(1);
    await page.setViewportSize({ width: 1280, height: 800 });
    await snap(page, 'import-body-schema-check');
  });

  test('the imported environment points the calls: three operations in tabs, each answer pretty', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    // The connection's own base URL leads nowhere: only the imported environment reaches the API.
    await saveConnection(page, oidc, {
      name: 'Petstore',
      presetId: 'generic-oauth2',
      client: 'post',
      apiBaseUrls: [{ name: 'Petstore', url: `${petOrigin}/nowhere` }],
    });
    await openComposerFor(page, 'Petstore');
    // The published Petstore, its server moved to the local stand-in (as a staging copy would be).
    const spec = JSON.parse(readFileSync(PETSTORE, 'utf8')) as { servers: { url: string }[] };
    spec.servers = [{ url: `${petOrigin}/v2` }];
    await page.getByRole('button', { name: 'Import API…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import an API' });
    await dialog.getByRole('tab', { name: 'Paste' }).click();
    await dialog.getByRole('textbox', { name: /The document/ }).fill(JSON.stringify(spec));
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByRole('dialog', { name: 'API imported' });
    await expect(report).toBeVisible({ timeout: 30_000 });
    await report.getByRole('button', { name: 'Done' }).click();

    // Click 1: the environment the import created.
    await page
      .getByRole('combobox', { name: 'Environment' })
      .selectOption({ label: 'Swagger Petstore' });
    await page
      .getByRole('tablist', { name: 'Library' })
      .getByRole('tab', { name: /Collections/ })
      .click();
    const tree = page.getByRole('list', { name: 'Collections' });
    const pretty = page.getByRole('region', { name: 'Pretty body' });
    const send = async (): Promise<void> => {
      await page.getByRole('button', { name: 'Send' }).click();
      await expect(page.getByLabel('Status 200 OK')).toBeVisible({ timeout: 20_000 });
    };
    calls.length = 0;

    // Clicks 2 and 3 for each: open the operation in a tab, send (after filling what it requires).
    await tree.getByRole('button', { name: /^GET\s*Find pet by ID$/ }).click();
    await page.getByRole('tab', { name: /Variables/ }).click();
    await page.getByRole('textbox', { name: 'Value of variable 1' }).fill('42');
    await send();
    await expect(pretty).toContainText('"name": "doggie"');

    await tree.getByRole('button', { name: /^GET\s*Finds Pets by status$/ }).click();
    await page.getByRole('tab', { name: /Params/ }).click();
    await page.getByRole('textbox', { name: 'Value of param 1' }).fill('sold');
    await send();
    await expect(pretty).toContainText('"name": "Rex"');

    await tree.getByRole('button', { name: /^GET\s*Returns pet inventories by status$/ }).click();
    await send();
    await expect(pretty).toContainText('"available": 3');

    const open = page.getByRole('tablist', { name: 'Open requests' });
    for (const name of ['Find pet by ID', 'Finds Pets by status', 'Returns pet inventories']) {
      await expect(open.getByRole('tab', { name: new RegExp(name) })).toHaveCount(1);
    }
    expect(calls.map((c) => c.path)).toEqual([
      '/v2/pet/42',
      '/v2/pet/findByStatus?status=sold',
      '/v2/store/inventory',
    ]);
    expect(calls.every((c) => /^Bearer eyJ/.test(c.authorization ?? ''))).toBe(true);
  });
});

async function importPetstore2(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Import an API' });
  await dialog.getByLabel('API document file').setInputFiles(PETSTORE);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'API imported' })).toBeVisible({ timeout: 30_000 });
}
