import type { Page } from '@playwright/test';
import { startApiServer, type ApiServer } from '../fixtures/api-server/index.js';
import { saveConnection, seedConnections } from '../fixtures/api-server/e2e-helpers.js';
import { startOidcFixture, type OidcFixture } from '../fixtures/oidc/oidc-fixture.js';
import { expect, openApp, snap, test } from './fixtures.js';

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

async function openCentral(page: Page): Promise<void> {
  await saveConnection(page, oidc, seedConnections(api.origin)[0]!);
  await page
    .getByRole('navigation', { name: 'Areas' })
    .getByRole('button', { name: 'Composer' })
    .click();
  await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: 'Axway Central' });
}

async function sendTo(page: Page, path: string): Promise<void> {
  await page.getByRole('textbox', { name: 'URL', exact: true }).fill(`{{baseUrl.central}}${path}`);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByLabel('Status 200 OK')).toBeVisible({ timeout: 20_000 });
}

async function snapAll(page: Page, name: string): Promise<void> {
  // The page scrolls as a whole: bring the answer to the top of the window.
  const showAnswer = () =>
    page.locator('.exchange').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  for (const [width, height] of [
    [1280, 800],
    [1024, 700],
  ] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme });
      await showAnswer();
      await snap(page, `${name}-${width}x${height}-${colorScheme}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

const bodyView = (page: Page, name: string) =>
  page.getByRole('radiogroup', { name: 'Body view' }).getByRole('radio', { name });

test('JSON opens pretty: folds, wraps, searches with next and previous, filters and compares', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000);
  await openApp(page, host);
  await openCentral(page);
  await sendTo(page, '/echo?first=1&note=hello');

  // Pretty by default: formatted, numbered, highlighted.
  await expect(bodyView(page, 'Pretty')).toBeChecked();
  const pretty = page.getByRole('region', { name: 'Pretty body' });
  await expect(pretty).toContainText('"method": "GET"');
  await expect(pretty.locator('.tok-key').first()).toHaveText('"method"');
  await snapAll(page, 'viewer-pretty-json');

  // The root block folds to one line and unfolds again.
  const fold = pretty.getByRole('button', { name: /^Fold lines 1–/ });
  await fold.click();
  await expect(pretty).toContainText('lines folded');
  await expect(pretty).not.toContainText('"method"');
  await pretty.getByRole('button', { name: /^Unfold lines 1–/ }).click();
  await expect(pretty).toContainText('"method": "GET"');

  // Wrap off and on.
  const wrap = page.getByRole('checkbox', { name: 'Wrap lines' });
  await expect(wrap).toBeChecked();
  await wrap.uncheck();
  await expect(page.locator('.pretty-view')).not.toHaveClass(/is-wrapped/);
  await wrap.check();

  // Search as you type, with a count; Enter and the arrows step through the hits.
  const search = page.getByRole('searchbox', { name: 'Search the body' });
  await search.fill('e');
  const count = page.locator('.search-count');
  await expect(count).toHaveText(/^1 of \d+$/);
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(count).toHaveText(/^2 of \d+$/);
  await search.press('Shift+Enter');
  await expect(count).toHaveText(/^1 of \d+$/);
  await search.press('Shift+Enter');
  await expect(count).not.toHaveText(/^1 of /);
  await search.fill('no such text anywhere');
  await expect(count).toHaveText('No match');
  await search.fill('');

  // The live JSONPath filter runs in main; a broken expression says what is wrong.
  const filter = page.getByRole('searchbox', { name: 'Filter with JSONPath' });
  await filter.fill('$.method');
  const filtered = page.getByRole('region', { name: 'Filtered body' });
  await expect(filtered).toContainText('"GET"');
  await expect(page.getByText('1 match of $.method')).toBeVisible();
  await filter.fill('$.path[');
  await expect(page.getByRole('alert')).toContainText('not a valid JSONPath expression');
  await expect(filter).toHaveAttribute('aria-invalid', 'true');
  await filter.fill('');
  await expect(pretty).toContainText('"method": "GET"');

  // The same request again, with another query: compared line by line with the first answer.
  await sendTo(page, '/echo?first=2&note=hello');
  await bodyView(page, 'Compare').check();
  await expect(page.getByRole('status').filter({ hasText: 'previous response' })).toContainText(
    '+1 −1 lines',
  );
  const diff = page.getByRole('region', { name: 'Differences from the previous response' });
  await expect(diff.locator('.diff-removed')).toContainText('first=1');
  await expect(diff.locator('.diff-added')).toContainText('first=2');
  await snapAll(page, 'viewer-compare');

  // The tree opens its first level.
  await bodyView(page, 'Tree').check();
  await expect(page.getByRole('tree', { name: 'JSON body' })).toContainText('method');
});

test('XML and HTML open pretty; PNG and SVG are previewed as images, scripts never run', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000);
  await openApp(page, host);
  await openCentral(page);

  await sendTo(page, '/feed.xml');
  const pretty = page.getByRole('region', { name: 'Pretty body' });
  await expect(pretty).toContainText('<title>First</title>');
  await expect(pretty).toContainText('<![CDATA[<b>bold</b> & more]]>');
  await expect(pretty.locator('.pretty-row').nth(4)).toContainText('<entry id="e1">');
  await snapAll(page, 'viewer-pretty-xml');

  await sendTo(page, '/page.html');
  await expect(pretty).toContainText('<h1>All systems go</h1>');
  await expect(pretty).toContainText('body { color: #333 }');

  await sendTo(page, '/image.png');
  await expect(bodyView(page, 'Preview')).toBeChecked();
  const image = page.getByRole('img', { name: 'The response body as an image' });
  await expect(image).toBeVisible();
  await expect(page.getByText('image/png · 96 × 64 px')).toBeVisible();
  await snapAll(page, 'viewer-image');

  await sendTo(page, '/image.svg');
  await expect(image).toBeVisible();
  await expect(page.getByText('image/svg+xml · 80 × 40 px')).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { __svgScriptRan?: boolean }).__svgScriptRan),
  ).toBeUndefined();
});
