import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startApiServer, type ApiServer } from '../fixtures/api-server/index.js';
import { saveConnection, seedConnections } from '../fixtures/api-server/e2e-helpers.js';
import { startOidcFixture, type OidcFixture } from '../fixtures/oidc/oidc-fixture.js';
import { Audit } from './a11y-audit.js';
import { expect, openApp, SCREENSHOT_DIR, startServe, stopServe, test } from './fixtures.js';

// The composer as a workspace: tabs on several connections, environments, request files on
// disk, resizable panes. One IdP and one API server for the file; each test has its own host.
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

const SHOTS = join(SCREENSHOT_DIR, 'workspace');
const specs = (): ReturnType<typeof seedConnections> => seedConnections(api.origin);
const central = (): ReturnType<typeof seedConnections>[number] => specs()[0]!;
const support = (): ReturnType<typeof seedConnections>[number] => specs()[3]!;

/** Screenshots of the state on screen at 1280×800 and 1024×700, light and dark. */
async function shoot(page: Page, name: string): Promise<void> {
  const dir = SHOTS;
  mkdirSync(dir, { recursive: true });
  for (const [width, height] of [
    [1280, 800],
    [1024, 700],
  ] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: join(dir, `${name}-${width}x${height}-${colorScheme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

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

const urlBox = (page: Page) => page.getByRole('textbox', { name: 'URL', exact: true });
const tabs = (page: Page) => page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab');
const preview = (page: Page) => page.getByRole('group', { name: 'URL as sent' });

async function send(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByLabel('Status 200 OK')).toBeVisible({ timeout: 20_000 });
}

/** Create an environment in the editor: one variable, optionally Central's base URL. */
async function createEnvironment(
  page: Page,
  key: string,
  name: string,
  stage: string,
  centralBase?: string,
): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Environments' });
  await dialog.getByRole('button', { name: 'New environment' }).click();
  await dialog.getByRole('textbox', { name: 'File name (key)' }).fill(key);
  await dialog.getByRole('textbox', { name: 'Display name' }).fill(name);
  await dialog.getByRole('button', { name: 'Add variable' }).click();
  await dialog.getByRole('textbox', { name: 'Name of variable 1' }).fill('stage');
  await dialog.getByRole('textbox', { name: 'Value of variable 1' }).fill(stage);
  if (centralBase !== undefined) {
    await dialog.getByRole('button', { name: 'Add base URL for Axway Central' }).click();
    await dialog
      .getByRole('textbox', { name: 'Axway Central: name of base URL 1' })
      .fill('Central');
    await dialog.getByRole('textbox', { name: 'Axway Central: base URL 1' }).fill(centralBase);
  }
  await dialog.getByRole('button', { name: 'Create environment' }).click();
  await expect(page.getByText(`Saved environment "${name}".`)).toBeVisible();
  await expect(dialog.getByRole('navigation', { name: 'Environments' })).toContainText(name);
}

test.describe('composer workspace in browser mode', () => {
  test('three tabs on two connections, environments change the sent URL, tabs survive a restart', async ({
    page,
    host,
  }) => {
    test.setTimeout(180_000);
    await openApp(page, host);
    await saveConnection(page, oidc, central());
    await saveConnection(page, oidc, support());
    await openComposer(page);
    await pickConnection(page, 'Axway Central');
    await urlBox(page).fill('{{baseUrl.central}}/echo?stage={{stage}}');
    await expect(preview(page)).toContainText('No value for {{stage}}');

    // Two environments: production sets a variable, staging also moves Central's base URL.
    await page.getByRole('button', { name: 'Environments…' }).click();
    const audit = new Audit(page, 'light');
    await createEnvironment(page, 'prod', 'Production', 'prod');
    await createEnvironment(page, 'staging', 'Staging', 'staging', `${api.origin}/public`);
    await audit.scan('Composer: environments editor');
    await shoot(page, 'environment-editor');
    await page.keyboard.press('Escape');

    const environment = page.getByRole('combobox', { name: 'Environment' });
    await environment.selectOption({ label: 'Production' });
    await expect(preview(page)).toContainText(`Sends to ${api.origin}/echo?stage=prod`);
    await expect(
      preview(page).getByRole('list', { name: 'Where the values come from' }),
    ).toContainText('{{stage}}environment');
    api.reset();
    await send(page);
    expect(api.api.requests.at(-1)?.path).toBe('/echo?stage=prod');
    await shoot(page, 'tab-production-sent');

    await environment.selectOption({ label: 'Staging' });
    await expect(preview(page)).toContainText(`Sends to ${api.origin}/public/echo?stage=staging`);
    await send(page);
    expect(api.api.requests.at(-1)?.path).toBe('/public/echo?stage=staging');
    await audit.scan('Composer: tab sent with an environment');

    // A second tab on the other connection, a third on the first one.
    await page.getByRole('button', { name: 'New tab' }).click();
    await expect(tabs(page)).toHaveCount(2);
    await pickConnection(page, 'Axway Support');
    await page
      .getByRole('list', { name: 'Catalog endpoints' })
      .getByRole('button', { name: /Support: most recently updated case/ })
      .click();
    await send(page);
    await page.getByRole('button', { name: 'New tab' }).click();
    await pickConnection(page, 'Axway Central');
    await page
      .getByRole('list', { name: 'Catalog endpoints' })
      .getByRole('button', { name: /Central: list environments/ })
      .click();
    await expect(tabs(page)).toHaveCount(3);
    await expect(tabs(page).nth(0)).toHaveAccessibleName(/Axway Central/);
    await expect(tabs(page).nth(1)).toHaveAccessibleName(/Axway Support/);
    await expect(tabs(page).nth(2)).toHaveAccessibleName(
      /Central: list environments Axway Central/,
    );
    await audit.scan('Composer: three tabs');
    await shoot(page, 'three-tabs');

    // Each tab keeps its own draft and response.
    await tabs(page).nth(0).click();
    await expect(urlBox(page)).toHaveValue('{{baseUrl.central}}/echo?stage={{stage}}');
    await expect(page.getByLabel('Status 200 OK')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Connection' })).toHaveValue(/.+/);
    // Keyboard: arrows move along the tab list.
    await tabs(page).nth(0).focus();
    await page.keyboard.press('ArrowRight');
    await expect(tabs(page).nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByLabel('Status 200 OK')).toBeVisible();

    // Restart the host on the same data dir: the tabs, their drafts and the environment are back.
    const second = (await tabs(page).nth(1).getAttribute('id'))!.replace('composer-tab-', '');
    await expect
      .poll(() => readFileSync(join(host.dataDir, 'workspace-session.json'), 'utf8'))
      .toMatch(new RegExp(`"activeTab":\\s*"${second}"`));
    await stopServe(host);
    const restarted = await startServe(host.dataDir);
    try {
      await openApp(page, restarted);
      await openComposer(page);
      await expect(tabs(page)).toHaveCount(3);
      await expect(tabs(page).nth(1)).toHaveAttribute('aria-selected', 'true');
      await expect(tabs(page).nth(2)).toHaveAccessibleName(/Central: list environments/);
      await expect(environment).toHaveValue('staging');
      await tabs(page).nth(0).click();
      await expect(urlBox(page)).toHaveValue('{{baseUrl.central}}/echo?stage={{stage}}');
      await expect(preview(page)).toContainText(`${api.origin}/public/echo?stage=staging`);
      await shoot(page, 'restored-tabs');
    } finally {
      await stopServe(restarted);
    }
  });

  test('a request file edited on disk shows up without a restart; a damaged file is listed', async ({
    page,
    host,
  }) => {
    test.setTimeout(120_000);
    await openApp(page, host);
    await saveConnection(page, oidc, central());
    await openComposer(page);
    await pickConnection(page, 'Axway Central');
    await urlBox(page).fill('{{baseUrl.central}}/echo?from=app');

    await page.getByRole('button', { name: 'Save as…' }).click();
    await page.getByRole('textbox', { name: 'Name of the request file' }).fill('Disk echo');
    await page.getByRole('button', { name: 'Save file' }).click();
    await expect(page.getByText('Saved as disk-echo.yaml.')).toBeVisible();
    const library = page.getByRole('tablist', { name: 'Library' });
    await library.getByRole('tab', { name: /Collections/ }).click();
    await expect(page.getByRole('list', { name: 'Collections' })).toContainText('Disk echo');

    const file = join(host.dataDir, 'workspaces', 'default', 'disk-echo.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('from=app');
    // A clean tab follows the file.
    writeFileSync(file, text.replace('from=app', 'from=disk'));
    await expect(urlBox(page)).toHaveValue('{{baseUrl.central}}/echo?from=disk', {
      timeout: 15_000,
    });
    // A tab with edits is not overwritten: it offers the version on disk.
    await urlBox(page).fill('{{baseUrl.central}}/echo?from=typed');
    writeFileSync(file, text.replace('from=app', 'from=git-pull'));
    await expect(page.getByText('changed on disk while you had unsaved edits')).toBeVisible({
      timeout: 15_000,
    });
    await expect(urlBox(page)).toHaveValue('{{baseUrl.central}}/echo?from=typed');
    await shoot(page, 'file-changed-on-disk');
    await page.getByRole('button', { name: 'Load the version on disk' }).click();
    await expect(urlBox(page)).toHaveValue('{{baseUrl.central}}/echo?from=git-pull');

    // A damaged file is reported with its path and line; the others still load.
    writeFileSync(join(host.dataDir, 'workspaces', 'default', 'broken.yaml'), 'name: [unclosed\n');
    const problems = page.getByRole('region', { name: 'Files that could not be read' });
    await expect(problems).toContainText(/broken\.yaml:\d+/, { timeout: 15_000 });
    await expect(page.getByRole('list', { name: 'Collections' })).toContainText('Disk echo');
    const audit = new Audit(page, 'light');
    await audit.scan('Composer: collections with a damaged file');
    await shoot(page, 'collections-damaged-file');

    // Closing a tab with unsaved edits asks first, with "Keep editing" focused.
    await urlBox(page).fill('{{baseUrl.central}}/echo?from=unsaved');
    await page.getByRole('button', { name: 'New tab' }).click();
    await tabs(page).nth(0).click();
    await tabs(page).nth(0).press('Delete');
    const prompt = page.getByRole('dialog', { name: 'Close without saving?' });
    await expect(prompt.getByRole('button', { name: 'Keep editing' })).toBeFocused();
    await audit.scan('Composer: close an unsaved tab');
    await prompt.getByRole('button', { name: 'Close without saving' }).click();
    await expect(tabs(page)).toHaveCount(1);
    await page.getByRole('button', { name: 'Reopen closed tab' }).click();
    await expect(tabs(page)).toHaveCount(2);
    await expect(urlBox(page)).toHaveValue('{{baseUrl.central}}/echo?from=unsaved');

    // Deleting a file asks first, the safe choice focused.
    await page.getByRole('button', { name: 'Delete Disk echo' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete the request file?' });
    await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
    await audit.scan('Composer: delete a request file');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByText('Deleted "Disk echo".')).toBeVisible();

    await page.getByRole('button', { name: /^Workspace:/ }).click();
    const folder = page.getByRole('dialog', { name: 'Workspace folder' });
    await expect(folder).toContainText(join(host.dataDir, 'workspaces', 'default'));
    await audit.scan('Composer: workspace folder');
    await shoot(page, 'workspace-folder');
  });

  test('panes resize by mouse and keyboard, reset on double-click, and keep their size', async ({
    page,
    host,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(page, host);
    await saveConnection(page, oidc, central());
    await openComposer(page);
    await pickConnection(page, 'Axway Central');
    const split = page.getByRole('separator', { name: 'Request and response split' });
    const requestPane = page.getByRole('region', { name: 'Request details' });
    await expect(split).toHaveAttribute('aria-valuenow', '50');
    await expect(split).toHaveAttribute('aria-orientation', 'vertical');

    // Keyboard.
    await split.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(split).toHaveAttribute('aria-valuenow', '67');
    await page.keyboard.press('Home');
    await expect(split).toHaveAttribute('aria-valuenow', '0');
    await page.keyboard.press('Enter');
    await expect(split).toHaveAttribute('aria-valuenow', '50');

    // Mouse: drag the handle 150 px to the left; the request pane narrows by as much.
    const before = (await requestPane.boundingBox())!;
    const handle = (await split.boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x - 150, handle.y + handle.height / 2, { steps: 5 });
    await page.mouse.up();
    const after = (await requestPane.boundingBox())!;
    expect(before.width - after.width).toBeGreaterThan(120);
    expect(Number(await split.getAttribute('aria-valuenow'))).toBeLessThan(50);

    // The sidebar handle too, and the sizes come back after a reload.
    const sidebar = page.getByRole('separator', { name: 'Sidebar width' });
    await sidebar.focus();
    await page.keyboard.press('Shift+ArrowRight');
    await expect(sidebar).toHaveAttribute('aria-valuetext', '340 pixels');
    const split1 = await split.getAttribute('aria-valuenow');
    await shoot(page, 'panes-resized');
    await expect
      .poll(() => readFileSync(join(host.dataDir, 'workspace-session.json'), 'utf8'))
      .toMatch(/"sidebarWidth":\s*340/);
    await page.reload();
    await openComposer(page);
    await expect(sidebar).toHaveAttribute('aria-valuetext', '340 pixels');
    await expect(split).toHaveAttribute('aria-valuenow', split1!);
    await split.dblclick();
    await expect(split).toHaveAttribute('aria-valuenow', '50');

    // Narrow window: the panes stack, and the handle moves up and down.
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect(split).toHaveAttribute('aria-orientation', 'horizontal');
    await split.focus();
    await page.keyboard.press('ArrowDown');
    await expect(split).toHaveAttribute('aria-valuenow', '58');
    // The sidebar hides and comes back.
    await page.getByRole('button', { name: 'Hide the sidebar' }).click();
    await expect(page.getByRole('complementary', { name: 'Request library' })).toHaveCount(0);
    await shoot(page, 'sidebar-hidden');
    await page.getByRole('button', { name: 'Show the sidebar' }).click();
    await expect(page.getByRole('complementary', { name: 'Request library' })).toBeVisible();
  });
});
