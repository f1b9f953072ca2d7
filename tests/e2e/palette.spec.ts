import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startApiServer, type ApiServer } from '../fixtures/api-server/index.js';
import { saveConnection, seedConnections } from '../fixtures/api-server/e2e-helpers.js';
import { startOidcFixture, type OidcFixture } from '../fixtures/oidc/oidc-fixture.js';
import { axe } from './a11y-audit.js';
import { callApi, expect, openApp, SCREENSHOT_DIR, snap, test } from './fixtures.js';

// The command palette, the shortcut map, the desktop menu's commands and the keyboard model:
// every command the palette lists is run from it and its effect checked; Esc closes every
// transient thing; a destructive confirmation focuses the safe choice; focus is never lost.

test.use({ actionTimeout: 15_000 });
// Each test walks many screens on a shared machine: a budget for the walk, not for one wait.
test.describe.configure({ timeout: 120_000 });

let oidc: OidcFixture;
let api: ApiServer;

test.beforeAll(async () => {
  oidc = await startOidcFixture({ privateKeyJwtClient: false });
  api = await startApiServer({ issuer: oidc.issuer, jwksUri: oidc.jwksUri });
});

test.afterAll(async () => {
  await Promise.all([api?.close(), oidc?.close()]);
});

const palette = (page: Page): Locator => page.getByRole('dialog', { name: 'Command palette' });
const shortcutMap = (page: Page): Locator =>
  page.getByRole('dialog', { name: 'Keyboard shortcuts' });
const nav = (page: Page, name: string): Locator =>
  page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name, exact: true });
const heading = (page: Page): Locator => page.locator('main h1');

/** Two connections and a saved request on the first. */
async function seed(page: Page): Promise<{ central: string; traceability: string }> {
  const [centralSpec, traceSpec] = seedConnections(api.origin);
  const central = await saveConnection(page, oidc, centralSpec!);
  const traceability = await saveConnection(page, oidc, traceSpec!);
  const saved = await callApi(page, 'requests:save', {
    connectionId: central,
    name: 'List environments',
    draft: { method: 'GET', url: '{{baseUrl}}/apis/management/v1alpha1/environments' },
  });
  expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
  await page.reload();
  await expect(page.locator('html[data-ready="true"]')).toHaveCount(1);
  await expect(page.getByText('Axway Traceability').first()).toBeVisible();
  return { central, traceability };
}

async function openPalette(page: Page): Promise<Locator> {
  await page.keyboard.press('Control+K');
  await expect(palette(page)).toBeVisible();
  return palette(page);
}

/** The titles the palette lists with an empty query. */
async function listedTitles(page: Page): Promise<string[]> {
  const p = await openPalette(page);
  const titles = await p.locator('.palette-title').allTextContents();
  await page.keyboard.press('Escape');
  await expect(p).toBeHidden();
  return titles;
}

async function runFromPalette(page: Page, title: string): Promise<void> {
  const p = await openPalette(page);
  await p.getByRole('combobox', { name: 'Search commands' }).fill(title);
  // The exact title is the first match, and Enter runs the highlighted one.
  await expect(p.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await expect(p.getByRole('option').first().locator('.palette-title')).toHaveText(title);
  await page.keyboard.press('Enter');
  await expect(p).toBeHidden();
}

async function expectArea(page: Page, name: string): Promise<void> {
  await expect(nav(page, name)).toHaveAttribute('aria-current', 'page');
}

test('the palette opens with Ctrl+K and Ctrl+Shift+P, closes with Esc and gives focus back', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await nav(page, 'Inspector').focus();
  for (const keys of ['Control+K', 'Control+Shift+P']) {
    await page.keyboard.press(keys);
    await expect(palette(page)).toBeVisible();
    await expect(palette(page).getByRole('combobox', { name: 'Search commands' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(palette(page)).toBeHidden();
    await expect(nav(page, 'Inspector')).toBeFocused();
  }
  // Pressing the shortcut again while it is open leaves it open; a click outside closes it.
  await page.keyboard.press('Control+K');
  await page.mouse.click(5, 5);
  await expect(palette(page)).toBeHidden();
  // Fuzzy: letters in order, with typos in between, still find the command.
  const p = await openPalette(page);
  await p.getByRole('combobox').fill('tgl thme');
  await expect(p.getByRole('option').first()).toContainText('Toggle light and dark theme');
  await expect(p.getByRole('option').first()).toContainText('Ctrl+Shift+L');
  await p.getByRole('combobox').fill('zzzzqqq');
  await expect(p.getByRole('status')).toContainText('No command matches');
  // Arrow keys move the highlighted option.
  await p.getByRole('combobox').fill('go to');
  const options = p.getByRole('option');
  await expect(options).toHaveCount(4);
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
});

test('every command the palette lists runs and does what it says', async ({ page, host }) => {
  test.setTimeout(180_000);
  await openApp(page, host);
  const { central } = await seed(page);
  const theme = (): Promise<string | null> =>
    page.evaluate(() => document.documentElement.getAttribute('data-theme'));
  let themeBefore: string | null = null;

  // Each listed title must match exactly one check here: a command without a check fails.
  const checks: [RegExp, () => Promise<void>][] = [
    [
      /^Keyboard shortcuts$/,
      async () => {
        await expect(shortcutMap(page)).toBeVisible();
        await page.keyboard.press('Escape');
        await expect(shortcutMap(page)).toBeHidden();
      },
    ],
    [
      /^New connection$/,
      async () => {
        await expectArea(page, 'Connections');
        await expect(heading(page)).toHaveText('New connection');
        await expect(heading(page)).toBeFocused();
        await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      },
    ],
    [
      /^New request$/,
      async () => {
        await expectArea(page, 'Composer');
        await expect(page.getByRole('textbox', { name: 'URL', exact: true })).toBeFocused();
      },
    ],
    [/^Go to Connections$/, () => expectArea(page, 'Connections')],
    [/^Go to Inspector$/, () => expectArea(page, 'Inspector')],
    [/^Go to Composer$/, () => expectArea(page, 'Composer')],
    [/^Open settings$/, () => expectArea(page, 'Settings')],
    [
      /^Show update status$/,
      async () => {
        await expectArea(page, 'Settings');
        await expect(page.locator(':focus')).toHaveText(/Updates|Settings/);
      },
    ],
    [
      /^Toggle light and dark theme$/,
      async () => {
        await expect.poll(theme).not.toBe(themeBefore);
      },
    ],
    [
      /^Collapse or expand the sidebar$/,
      async () => {
        const collapsed = page.locator('nav.sidebar.is-collapsed');
        await expect(collapsed).toHaveCount(1);
        await page.keyboard.press('Control+Alt+B');
        await expect(collapsed).toHaveCount(0);
      },
    ],
    [/^Use the light theme$/, () => expect.poll(theme).toBe('light')],
    [/^Use the dark theme$/, () => expect.poll(theme).toBe('dark')],
    [/^Follow the system theme$/, () => expect.poll(theme).toBe(null)],
    [
      /^Decode a pasted token$/,
      async () => {
        await expectArea(page, 'Inspector');
        await expect(page.locator('main textarea')).toBeFocused();
      },
    ],
    [
      /^Test “(.+)”$/,
      async () => {
        await expectArea(page, 'Connections');
        // The row's status says how long the new token lasts ("59 min 58 s left").
        await expect(page.getByText(/ left$/).first()).toBeVisible();
      },
    ],
    [
      /^Open “Axway (Central|Traceability)” in the Inspector$/,
      async () => {
        await expectArea(page, 'Inspector');
        await expect(page.getByRole('radio', { name: "A connection's token" })).toBeChecked();
      },
    ],
    [
      /^Try a request on “(.+)”$/,
      async () => {
        await expectArea(page, 'Composer');
        await expect(page.getByRole('combobox', { name: 'Connection' })).toBeVisible();
      },
    ],
    [
      /^Edit “(.+)”$/,
      async () => {
        await expectArea(page, 'Connections');
        await expect(heading(page)).toHaveText(/^Edit “Axway/);
        await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      },
    ],
    [
      /^Switch the Composer to “(.+)”$/,
      async () => {
        await expectArea(page, 'Composer');
      },
    ],
    [
      /^Open “List environments”$/,
      async () => {
        await expectArea(page, 'Composer');
        await expect(page.getByRole('combobox', { name: 'Connection' })).toHaveValue(central);
        await expect(page.getByRole('textbox', { name: 'URL', exact: true })).toHaveValue(
          '{{baseUrl}}/apis/management/v1alpha1/environments',
        );
      },
    ],
  ];

  const titles = await listedTitles(page);
  // App-level commands, five per connection, one per saved request.
  expect(titles.length).toBeGreaterThanOrEqual(13 + 2 * 5 + 1);
  expect(titles).toContain('Open “List environments”');
  for (const title of titles) {
    const matching = checks.filter(([pattern]) => pattern.test(title));
    expect(matching, `one check for "${title}"`).toHaveLength(1);
    themeBefore = await theme();
    await runFromPalette(page, title);
    await matching[0]![1]();
  }
});

test('the shortcut map lists every shortcut; the shortcuts work; ? is ignored in text fields', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await page.keyboard.press('?');
  const map = shortcutMap(page);
  await expect(map).toBeVisible();
  await expect(map.getByRole('button', { name: 'Close' })).toBeFocused();
  for (const [title, keys] of [
    ['Show all commands', 'Ctrl+K'],
    ['New connection', 'Ctrl+Alt+N'],
    ['Go to Inspector', 'Alt+2'],
    ['Toggle light and dark theme', 'Ctrl+Shift+L'],
    ['Collapse or expand the sidebar', 'Ctrl+Alt+B'],
    ['Send the request', 'Ctrl+Enter'],
  ] as const) {
    const row = map.locator('.shortcut-row', { hasText: title });
    await expect(row).toContainText(keys);
  }
  await page.keyboard.press('Escape');
  await expect(map).toBeHidden();

  await page.keyboard.press('Alt+2');
  await expectArea(page, 'Inspector');
  await page.keyboard.press('Alt+3');
  await expectArea(page, 'Composer');
  await page.keyboard.press('Control+,');
  await expectArea(page, 'Settings');
  await page.keyboard.press('Alt+1');
  await expectArea(page, 'Connections');
  await page.keyboard.press('Control+Alt+N');
  await expect(heading(page)).toHaveText('New connection');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();

  // In a text field, ? is a character, not the shortcut map.
  await page.keyboard.press('Alt+2');
  const paste = page.locator('main textarea');
  await paste.click();
  await page.keyboard.type('a?b');
  await expect(paste).toHaveValue('a?b');
  await expect(map).toBeHidden();
});

test('Esc closes each transient thing; a delete confirmation focuses Keep; focus is never lost', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await seed(page);

  // A composer dialog.
  await nav(page, 'Composer').click();
  await page.getByRole('button', { name: /Import curl/i }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The palette over a screen, then the shortcut map from the palette.
  await openPalette(page);
  await page.keyboard.press('Control+/');
  await expect(shortcutMap(page)).toBeVisible();
  await expect(palette(page)).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(shortcutMap(page)).toBeHidden();

  // The delete confirmation: Keep has focus, Enter there keeps, Esc closes, focus goes back.
  await nav(page, 'Connections').click();
  await page
    .getByRole('listitem', { name: 'Axway Traceability', exact: true })
    .getByRole('button', { name: 'Axway Traceability', exact: true })
    .click();
  const deleteButton = page
    .getByRole('region', { name: 'Axway Traceability', exact: true })
    .getByRole('button', { name: 'Delete', exact: true });
  await deleteButton.click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(deleteButton).toBeFocused();
  await deleteButton.click();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(page.getByText('Axway Traceability').first()).toBeVisible();

  // Deleting removes the focused row: focus lands on the view, not on the page body.
  await deleteButton.click();
  await confirm.getByRole('button', { name: 'Delete connection' }).click();
  await expect(deleteButton).toHaveCount(0);
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.tagName ?? 'none'))
    .not.toBe('BODY');

  // Arrow keys move through the sidebar.
  await nav(page, 'Connections').focus();
  await page.keyboard.press('ArrowDown');
  await expect(nav(page, 'Inspector')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('button', { name: 'Collapse the sidebar' })).toBeFocused();
});

test('palette and shortcut map: axe clean and screenshots in both themes and sizes', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  await openApp(page, host);
  await seed(page);
  const shots = '/work/shots/palette';
  mkdirSync(shots, { recursive: true });
  const keep = async (name: string): Promise<void> => {
    await snap(page, name);
    copyFileSync(join(SCREENSHOT_DIR, `${name}.png`), join(shots, `${name}.png`));
  };
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const [width, height] of [
      [1280, 800],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await openPalette(page);
      expect((await axe(page)).blocking, `palette ${colorScheme}`).toEqual([]);
      await keep(`palette-${width}x${height}-${colorScheme}`);
      await palette(page).getByRole('combobox').fill('axway');
      await keep(`palette-search-${width}x${height}-${colorScheme}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('?');
      await expect(shortcutMap(page)).toBeVisible();
      expect((await axe(page)).blocking, `shortcut map ${colorScheme}`).toEqual([]);
      await keep(`shortcuts-${width}x${height}-${colorScheme}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Alt+B');
      await expect(page.locator('nav.sidebar.is-collapsed')).toHaveCount(1);
      expect((await axe(page)).blocking, `collapsed sidebar ${colorScheme}`).toEqual([]);
      await keep(`sidebar-collapsed-${width}x${height}-${colorScheme}`);
      await page.keyboard.press('Control+Alt+B');
      await nav(page, 'Composer').click();
      await expect(page.getByRole('textbox', { name: 'URL', exact: true })).toBeVisible();
      await keep(`composer-labels-${width}x${height}-${colorScheme}`);
      await nav(page, 'Connections').click();
      await keep(`connections-${width}x${height}-${colorScheme}`);
    }
  }
});
