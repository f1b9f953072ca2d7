import type { Locator, Page } from '@playwright/test';
import { expect, snap } from './fixtures.js';

/**
 * Steps of the provider wizard as a person does them: find controls by role and accessible name,
 * wait on what appears on screen, never on time.
 */

/**
 * Screenshot in light and dark: artifacts/screenshots/wizard-<platform>-<step>-<theme>.png. The app
 * scrolls inside its main area, so the window is made as tall as the content for the picture.
 */
export async function snapBoth(page: Page, platform: string, step: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1200, height: 780 };
  await page.mouse.move(0, 0);
  const height = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main === null ? 0 : main.scrollHeight;
  });
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.emulateMedia({ colorScheme: 'light' });
  await snap(page, `wizard-${platform}-${step}-light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, `wizard-${platform}-${step}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(viewport);
}

/** From the connections list (empty or not), open the wizard. */
export async function startWizard(page: Page): Promise<void> {
  const empty = page.getByRole('button', { name: 'Add a connection' });
  const more = page.getByRole('button', { name: 'Add connection', exact: true });
  await expect(empty.or(more)).toBeVisible();
  await empty.or(more).click();
  await expectStep(page, 'Choose a platform');
}

/** The current step's heading, and the indicator marking it. */
export async function expectStep(page: Page, title: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Wizard steps' }).locator('[aria-current="step"]'),
  ).toContainText(title);
}

/** Pick a platform card by its name. */
export async function choosePlatform(page: Page, name: string): Promise<void> {
  await page
    .getByRole('list', { name: 'Platforms' })
    .getByRole('button', { name, exact: true })
    .click();
  await expectStep(page, 'Create the service account');
}

/** Press the "Next: …" button. */
export async function next(page: Page, expectedTitle: string): Promise<void> {
  await page.getByRole('button', { name: `Next: ${expectedTitle}` }).click();
  await expectStep(page, expectedTitle);
}

/** A form field by its exact label. */
export function field(page: Page, label: string): Locator {
  return page.getByLabel(label, { exact: true });
}

/** Open "Advanced options" (a <details>) if it is closed. */
export async function openAdvanced(page: Page): Promise<void> {
  const details = page.locator('details.advanced');
  if ((await details.getAttribute('open')) === null) {
    await page.getByText('Advanced options', { exact: true }).click();
  }
  await expect(details).toHaveAttribute('open', '');
}

/** The live token URL on the details step. */
export function tokenUrl(page: Page): Locator {
  return page.getByRole('status', { name: 'Resulting token URL' });
}

/** Fill client ID and secret on the credentials step. */
export async function fillCredentials(page: Page, clientId: string, secret: string): Promise<void> {
  await field(page, 'Client ID').fill(clientId);
  await field(page, 'Client secret').fill(secret);
}

/** Run the connection test and wait for its verdict. */
export async function runTest(page: Page, again = false): Promise<void> {
  await page.getByRole('button', { name: again ? 'Test again' : 'Test connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Asking the server' })).toHaveCount(0, {
    timeout: 20_000,
  });
}

/** The success panel of a test. */
export function success(page: Page): Locator {
  return page.getByRole('region', { name: 'Connection works' });
}

/** The failure panel of a test. */
export function failure(page: Page): Locator {
  return page.getByRole('alert').filter({ has: page.getByRole('heading', { level: 3 }) });
}

/** Save, land on the list, and return the saved connection's row. */
export async function saveAndFindRow(page: Page, name: string): Promise<Locator> {
  await page.getByRole('button', { name: /^Save (connection|changes)$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();
  const row = page.getByRole('listitem', { name, exact: true });
  await expect(row).toBeVisible();
  return row;
}

/** The row shows a valid token (the fetch after saving). */
export async function expectValidToken(row: Locator): Promise<void> {
  await expect(row.getByText(/^\d.* left$/)).toBeVisible({ timeout: 15_000 });
}
