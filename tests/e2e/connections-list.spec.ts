import type { Page } from '@playwright/test';
import { startAmplienceEmulator, type AmplienceEmulator } from '../fixtures/emulators/index.js';
import { Audit } from './a11y-audit.js';
import { expect, openApp, snap, test, callApi as api } from './fixtures.js';
import { expectStep, field, runTest, success } from './wizard-helpers.js';

// The connections list against a real `grantline serve`: compact rows with live token status,
// search, sort and grouping, the row menu (⋯, right-click, keyboard), the detail pane, and test,
// edit, duplicate, rename, delete (with its secret), "Try a request" and "Open in Inspector".

let amplience: AmplienceEmulator;

test.beforeAll(async () => {
  amplience = await startAmplienceEmulator();
});

test.afterAll(async () => {
  await amplience?.close();
});

/** Save a connection directly and show the list again (it loads when the area opens). */
async function seed(
  page: Page,
  name: string,
  secret: string,
  presetId = 'amplience',
): Promise<string> {
  const result = await api(page, 'connections:save', {
    connection: { name, presetId, clientId: amplience.clientId, tokenUrl: amplience.tokenUrl },
    secrets: { clientSecret: secret },
  });
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  return (result.value as { connection: { id: string } }).connection.id;
}

async function showList(page: Page): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Areas' });
  await nav.getByRole('button', { name: 'Settings' }).click();
  await nav.getByRole('button', { name: 'Connections' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();
}

const SIZES = [
  [1280, 800],
  [1024, 700],
] as const;

/** Screenshots at both sizes and in both themes, and an axe scan in both themes. */
async function lookAt(
  page: Page,
  name: string,
  audits?: Record<'light' | 'dark', Audit>,
  /** Puts back what a resize closes (a menu), after each change of the window's size. */
  reopen?: () => Promise<void>,
): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    if (audits !== undefined) await audits[scheme].scan(name);
    for (const [width, height] of SIZES) {
      if (width !== page.viewportSize()?.width) {
        await page.setViewportSize({ width, height });
        await reopen?.();
      }
      await snap(page, `connections-${name}-${width}x${height}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(size);
}

const row = (page: Page, name: string) => page.getByRole('listitem', { name, exact: true });
const rowButton = (page: Page, name: string) =>
  row(page, name).getByRole('button', { name, exact: true });
const pane = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('status, test, rename, duplicate and delete with confirmation', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, host);
  const goodId = await seed(page, 'Amplience', amplience.clientSecret);
  await seed(page, 'Amplience staging', 'wrong-secret');
  await showList(page);

  const good = row(page, 'Amplience');
  const bad = row(page, 'Amplience staging');
  await expect(good.getByText('Never fetched')).toBeVisible();
  await good.getByRole('button', { name: 'Test Amplience' }).click();
  await expect(good.getByText(/^[45] min( \d+ s)? left$/)).toBeVisible();
  await bad.hover();
  await bad.getByRole('button', { name: 'Test Amplience staging' }).click();
  await expect(bad.getByText('Failing')).toBeVisible();
  await rowButton(page, 'Amplience staging').click();
  const badPane = pane(page, 'Amplience staging');
  await expect(
    badPane.getByText(/Amplience did not accept the API key or secret/).first(),
  ).toBeVisible();
  await expect(badPane.getByText(/^Failed at/)).toBeVisible();

  // Status changes made elsewhere arrive as tokens:status-changed events.
  await api(page, 'tokens:invalidate', { connectionId: goodId });
  await expect(good.getByText('Never fetched')).toBeVisible();
  await api(page, 'tokens:fetch', { connectionId: goodId });
  await expect(good.getByText(/ left$/)).toBeVisible();

  await rowButton(page, 'Amplience').click();
  const detail = pane(page, 'Amplience');
  await expect(detail.getByText(/^Token valid until/)).toBeVisible();
  await detail.getByRole('button', { name: 'Rename' }).click();
  await field(page, 'New name').fill('Amplience prod');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(row(page, 'Amplience prod')).toBeVisible();

  await pane(page, 'Amplience prod').getByRole('button', { name: 'Duplicate' }).click();
  const copy = row(page, 'Amplience prod (copy)');
  await expect(copy).toBeVisible();
  // The copy is selected, and has its own copy of the secret: it gets a token too.
  const copyPane = pane(page, 'Amplience prod (copy)');
  await copyPane.getByRole('button', { name: 'Test', exact: true }).click();
  await expect(copyPane.getByText(/^Passed at/)).toBeVisible();
  const copyId = (
    (await api(page, 'connections:list')).value as {
      connections: { connection: { id: string; name: string } }[];
    }
  ).connections.find((c) => c.connection.name === 'Amplience prod (copy)')!.connection.id;

  await copyPane.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText(
    'Delete “Amplience prod (copy)” and its stored secret? This cannot be undone.',
  );
  // The safe choice has the focus; Esc keeps the connection.
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await copyPane.getByRole('button', { name: 'Delete', exact: true }).click();
  await confirm.getByRole('button', { name: 'Delete connection' }).click();
  await expect(copy).toHaveCount(0);
  const gone = await api(page, 'secrets:status', { connectionId: copyId });
  expect(gone.ok).toBe(false);
  expect(gone.error?.category).toBe('not_found');
  const left = (await api(page, 'connections:list')).value as { connections: unknown[] };
  expect(left.connections).toHaveLength(2);
});

test('edit fixes a failing connection without showing its stored secret', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await seed(page, 'Amplience staging', 'wrong-secret');
  await showList(page);
  await page.getByRole('button', { name: 'More actions for Amplience staging' }).click();
  await page.getByRole('menuitem', { name: 'Edit…' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Edit “Amplience staging”' }),
  ).toBeVisible();
  await expectStep(page, 'Connection details');
  await page.getByRole('button', { name: 'Next: Credentials' }).click();
  const secret = field(page, 'Client secret');
  await expect(secret).toHaveValue('');
  await expect(secret).toHaveAttribute('placeholder', 'A secret is stored; type to replace');
  await secret.fill(amplience.clientSecret);
  await page.getByRole('button', { name: 'Next: Test and save' }).click();
  await runTest(page);
  await expect(success(page)).toBeVisible();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(row(page, 'Amplience staging').getByText(/ left$/)).toBeVisible();
});

test('"Try a request" opens the composer and "Open in Inspector" the inspector', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await seed(page, 'Amplience', amplience.clientSecret);
  await showList(page);
  const nav = page.getByRole('navigation', { name: 'Areas' });
  await row(page, 'Amplience').hover();
  await page.getByRole('button', { name: 'Try a request with Amplience' }).click();
  await expect(nav.getByRole('button', { name: 'Composer' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await nav.getByRole('button', { name: 'Connections' }).click();
  // From the right-click menu this time.
  await row(page, 'Amplience').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Open in Inspector' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inspector' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Inspector' })).toHaveAttribute(
    'aria-current',
    'page',
  );
});

const TEN = [
  ['Amplience prod', 'amplience'],
  ['Amplience staging', 'amplience'],
  ['Amplience dev', 'amplience'],
  ['Billing API', 'generic-oauth2'],
  ['Catalog sync', 'generic-oauth2'],
  ['Dealer portal', 'generic-oauth2'],
  ['Edge gateway', 'generic-oauth2'],
  ['Fleet tracker', 'generic-oauth2'],
  ['Greenhouse sensors', 'amplience'],
  ['Helpdesk bot', 'generic-oauth2'],
] as const;

test('ten connections: all visible at 1280x800, searched, sorted, grouped, and a menu per row', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, host);
  const ids = new Map<string, string>();
  for (const [name, preset] of TEN) {
    const secret = name.includes('staging') ? 'wrong-secret' : amplience.clientSecret;
    ids.set(name, await seed(page, name, secret, preset));
  }
  await api(page, 'tokens:fetch', { connectionId: ids.get('Amplience prod') });
  await api(page, 'tokens:fetch', { connectionId: ids.get('Amplience staging') });
  await showList(page);
  const audits = {
    light: new Audit(page, 'connections light'),
    dark: new Audit(page, 'connections dark'),
  };

  // Every one of the ten rows is inside the window at 1280x800.
  const rows = page.getByRole('listitem');
  await expect(rows).toHaveCount(10);
  for (let i = 0; i < 10; i++) await expect(rows.nth(i)).toBeInViewport({ ratio: 1 });
  await expect(row(page, 'Amplience staging').getByText('Failing')).toBeVisible();
  await lookAt(page, 'ten', audits);

  // Search: every word must match name, platform, host or client ID.
  const search = page.getByRole('searchbox', { name: 'Search connections' });
  await search.fill('amplience st');
  await expect(rows).toHaveCount(1);
  await expect(page.getByText('1 of 10 connections match “amplience st”')).toBeVisible();
  await search.fill('zzz');
  await expect(page.getByText('No connection matches “zzz”.')).toBeVisible();
  await lookAt(page, 'no-match', audits);
  await page.getByRole('button', { name: 'Clear the search' }).click();
  await expect(rows).toHaveCount(10);

  // Sort: by status puts the failing one first; by name is alphabetical.
  const names = () => page.locator('.cl-row-name').allTextContents();
  const sort = page.getByRole('combobox', { name: 'Sort' });
  await sort.selectOption('status');
  await expect.poll(async () => (await names())[0]).toBe('Amplience staging');
  await sort.selectOption('name');
  await expect.poll(names).toEqual(TEN.map(([n]) => n).sort((a, b) => a.localeCompare(b)));

  // Group by platform: one list per platform, with its count.
  await page.getByRole('checkbox', { name: 'Group by platform' }).check();
  const amplienceGroup = page.getByRole('list', { name: 'Amplience connections' });
  await expect(amplienceGroup.getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('heading', { name: /^Amplience 4$/ })).toBeVisible();
  await lookAt(page, 'grouped', audits);
  await page.getByRole('checkbox', { name: 'Group by platform' }).uncheck();

  // Keyboard: arrows move through rows, Enter opens the detail, Esc closes it.
  await rowButton(page, 'Amplience dev').focus();
  await page.keyboard.press('ArrowDown');
  await expect(rowButton(page, 'Amplience prod')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const detail = pane(page, 'Amplience staging');
  await expect(detail).toBeVisible();
  await expect(detail.getByText(/^Failed at|Not tested/)).toBeVisible();
  await lookAt(page, 'detail', audits);
  await detail.getByRole('button', { name: 'Close details' }).press('Escape');
  await expect(detail).toHaveCount(0);
  await expect(rowButton(page, 'Amplience staging')).toBeFocused();

  // The row menu from the keyboard: Shift+F10 opens it, arrows move, Esc closes.
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions for Amplience staging' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Test' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Try a request' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: /^Delete…/ })).toBeFocused();
  const reopenMenu = async (): Promise<void> => {
    // A resize closes the menu and gives the focus back to the row.
    await expect(menu).toHaveCount(0);
    await expect(rowButton(page, 'Amplience staging')).toBeFocused();
    await page.keyboard.press('Shift+F10');
    await expect(menu).toBeVisible();
  };
  await lookAt(page, 'menu', audits, reopenMenu);
  if ((await menu.count()) === 0) await reopenMenu();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(rowButton(page, 'Amplience staging')).toBeFocused();

  // With the mouse: ⋯ then Rename….
  await row(page, 'Helpdesk bot').hover();
  await page.getByRole('button', { name: 'More actions for Helpdesk bot' }).click();
  await page.getByRole('menuitem', { name: /^Rename…/ }).click();
  await expect(field(page, 'New name')).toBeFocused();
  await field(page, 'New name').fill('Helpdesk assistant');
  await page.keyboard.press('Enter');
  await expect(row(page, 'Helpdesk assistant')).toBeVisible();

  // Right-click, Delete…: the confirmation focuses "Keep it".
  await row(page, 'Fleet tracker').click({ button: 'right' });
  await page.getByRole('menuitem', { name: /^Delete…/ }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await lookAt(page, 'delete-confirm', audits);
  await confirm.getByRole('button', { name: 'Delete connection' }).click();
  await expect(row(page, 'Fleet tracker')).toHaveCount(0);
  await expect(rows).toHaveCount(9);

  for (const audit of Object.values(audits)) audit.report();
});
