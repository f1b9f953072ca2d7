import { startApiServer, type ApiServer } from '../fixtures/api-server/index.js';
import { saveConnection, seedConnections } from '../fixtures/api-server/e2e-helpers.js';
import { startOidcFixture, type OidcFixture } from '../fixtures/oidc/oidc-fixture.js';
import { expect, openApp, showTree, snap, test } from './fixtures.js';
import { heapSnapshot } from './heap.js';

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

test('a 50 MB JSON body streams in, opens pretty, and the page keeps answering input meanwhile', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  // Everything the page receives from the host: the body must stay in main, paged on demand.
  let receivedBytes = 0;
  page.on('websocket', (ws) =>
    ws.on('framereceived', (frame) => {
      receivedBytes +=
        typeof frame.payload === 'string' ? frame.payload.length : frame.payload.byteLength;
    }),
  );
  await openApp(page, host);
  await saveConnection(page, oidc, seedConnections(api.origin)[0]!);
  await page
    .getByRole('navigation', { name: 'Areas' })
    .getByRole('button', { name: 'Composer' })
    .click();
  await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: 'Axway Central' });
  await page
    .getByRole('textbox', { name: 'URL', exact: true })
    .fill('{{baseUrl.central}}/big.json?mb=50&mbps=8');

  const timings: Record<string, number> = {};
  const started = Date.now();
  await page.getByRole('button', { name: 'Send' }).click();
  const progress = page.getByRole('progressbar', { name: 'Download progress' });
  await expect(progress).toHaveAttribute('aria-valuetext', /MB of 50\.0 MB received/, {
    timeout: 15_000,
  });
  timings.firstProgressMs = Date.now() - started;
  await snap(page, 'composer-large-downloading-light');

  // While the body streams in, the page answers typing at once.
  await page
    .getByRole('tablist', { name: 'Library' })
    .getByRole('tab', { name: /History/ })
    .click();
  const search = page.getByRole('searchbox', { name: 'Search history' });
  const typing = Date.now();
  await search.pressSequentially('still responsive');
  await expect(search).toHaveValue('still responsive');
  timings.typeSixteenKeysMs = Date.now() - typing;
  // Still downloading when the input answered: this is responsiveness during the load.
  await expect(progress).toBeVisible();
  timings.longestFrameGapMs = await page.evaluate(async () => {
    let last = performance.now();
    let worst = 0;
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }
    return Math.round(worst);
  });

  await expect(page.getByLabel('Status 200 OK')).toBeVisible({ timeout: 60_000 });
  timings.downloadedMs = Date.now() - started;

  // Pretty by default: the first formatted lines show while main formats the rest in the
  // background, and the line count grows until it is final.
  const pretty = page.getByRole('region', { name: 'Pretty body' });
  await expect(pretty).toContainText('"items": [');
  await expect(pretty).toContainText('"name": "item 0",');
  timings.prettyFirstRowsMs = Date.now() - started;
  await expect(page.getByText(/^Lines 1–250,000 of [\d,]+$/)).toBeVisible({ timeout: 60_000 });
  timings.prettyCompleteMs = Date.now() - started;
  await snap(page, 'composer-large-pretty-light');

  // Search runs in main over the formatted lines; the one hit is revealed in its window.
  const searchBox = page.getByRole('searchbox', { name: 'Search the body' });
  const searching = Date.now();
  await searchBox.fill('"item 77777"');
  await expect(page.locator('.search-count')).toHaveText('1 of 1', { timeout: 30_000 });
  await expect(pretty.locator('.pretty-row.is-hit')).toContainText('"name": "item 77777"');
  await expect(pretty.locator('.pretty-row.is-hit mark')).toHaveText('"item 77777"');
  timings.prettySearchMs = Date.now() - searching;

  // The live filter runs in main (the body is parsed there once, then each expression is quick).
  const filtering = Date.now();
  const filter = page.getByRole('searchbox', { name: 'Filter with JSONPath' });
  await filter.fill('$.items[77777]');
  const filtered = page.getByRole('region', { name: 'Filtered body' });
  await expect(filtered).toContainText('"id": 77777,', { timeout: 30_000 });
  timings.filterMs = Date.now() - filtering;
  await filter.fill('$.items[?(@.id == 1234)].name');
  await expect(filtered).toContainText('"item 1234"');
  await expect(page.getByText('1 match of $.items[?(@.id == 1234)].name')).toBeVisible();
  await filter.fill('');
  await searchBox.fill('');

  // The tree opens its first level: `items` shows its first children at once.
  await showTree(page);
  const tree = page.getByRole('tree', { name: 'JSON body' });
  await expect(tree).toContainText('3:{…} 6 keys');
  timings.treeShownMs = Date.now() - started;
  const summary = await tree.getByRole('treeitem', { name: /^items/ }).textContent();
  const count = Number(/([\d,]+) items/.exec(summary ?? '')?.[1]?.replace(/,/g, ''));
  expect(count).toBeGreaterThan(100_000);

  // The last of ~109k items, reached with the keyboard: only its page is fetched.
  const ending = Date.now();
  await tree.press('End');
  await expect(tree).toContainText(`${count - 1}:{…} 6 keys`);
  timings.jumpToLastItemMs = Date.now() - ending;

  // In the tree, search gives JSON paths and opens the tree at the hit.
  const treeSearching = Date.now();
  await searchBox.fill('"item 77777"');
  await expect(page.getByRole('list', { name: 'Search matches' })).toContainText(
    '$.items[77777].name',
  );
  await expect(tree).toContainText('"item 77777"');
  timings.searchAndRevealMs = Date.now() - treeSearching;
  await snap(page, 'composer-large-tree-light');

  // The raw view opens at the same hit, cut between values, never inside one.
  await page
    .getByRole('radiogroup', { name: 'Body view' })
    .getByRole('radio', { name: 'Raw' })
    .check();
  await expect(page.getByRole('region', { name: 'Raw body' })).toContainText('"id":77777,');

  // The page never held the body: an item no view showed is nowhere in its heap.
  const heap = await heapSnapshot(page);
  expect(heap).toContain('item 77777');
  expect(heap).not.toContain('item 31337');
  timings.heapSnapshotMB = Math.round(heap.length / 1024 / 1024);

  timings.bytesReceivedByPage = receivedBytes;
  timings.jsHeapMB = await page.evaluate(() => {
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return memory === undefined ? -1 : Math.round(memory.usedJSHeapSize / 1024 / 1024);
  });
  console.log(`50 MB body timings: ${JSON.stringify(timings)}`);
  // The page saw a few pages of the body, never the 50 MB.
  expect(receivedBytes).toBeLessThan(8 * 1024 * 1024);
});
