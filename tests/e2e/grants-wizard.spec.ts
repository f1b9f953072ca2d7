import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures.js';
import {
  choosePlatform,
  expectStep,
  field,
  next,
  openAdvanced,
  startWizard,
} from './wizard-helpers.js';

const SHOTS = '/work/shots/grants';

async function shoot(page: Page, name: string, focus: Locator): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await focus.scrollIntoViewIfNeeded();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({
        path: join(SHOTS, `${name}-${size.width}x${size.height}-${scheme}.png`),
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('the wizard offers client_secret_jwt, which still asks for the secret', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await startWizard(page);
  await choosePlatform(page, 'OAuth 2.0 (token URL)');
  await next(page, 'Connection details');
  await field(page, 'Token URL').fill('https://idp.example.com/oauth2/token');
  await openAdvanced(page);
  const method = field(page, 'Client authentication');
  await method.selectOption({ label: 'Signed JWT (client secret) (client_secret_jwt)' });
  await expect(page.getByText(/signed \(HS256\) with the client secret/)).toBeVisible();
  // "none" is for key files only: the generic form does not offer it.
  await expect(method.locator('option', { hasText: 'No client authentication' })).toHaveCount(0);
  await shoot(page, 'wizard-client-secret-jwt', method);
  await next(page, 'Credentials');
  await expectStep(page, 'Credentials');
  await expect(field(page, 'Client secret')).toBeVisible();
});
