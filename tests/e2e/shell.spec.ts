import { apiKeys } from '#shared/ipc/contract.js';
import { expect, openApp, snap, test } from './fixtures.js';

test.describe('app shell in browser mode', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`shows the three areas and settings (${scheme})`, async ({ page, host }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openApp(page, host);
      const nav = page.getByRole('navigation', { name: 'Areas' });
      for (const name of ['Connections', 'Inspector', 'Composer']) {
        await expect(nav.getByRole('button', { name })).toBeVisible();
      }
      await expect(page.getByRole('heading', { name: 'No connections yet' })).toBeVisible();
      await snap(page, `shell-connections-${scheme}`);

      await nav.getByRole('button', { name: 'Inspector' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Inspector' })).toBeVisible();
      await expect(nav.getByRole('button', { name: 'Inspector' })).toHaveAttribute(
        'aria-current',
        'page',
      );
      await snap(page, `shell-inspector-${scheme}`);

      await nav.getByRole('button', { name: 'Composer' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Composer' })).toBeVisible();
      await snap(page, `shell-composer-${scheme}`);

      await nav.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByRole('heading', { name: 'About Grantline' })).toBeVisible();
      await expect(page.getByText('Browser mode (grantline serve)')).toBeVisible();
      const about = page.getByRole('region', { name: 'About Grantline' });
      await expect(about.getByText(host.dataDir, { exact: true })).toBeVisible();
      await snap(page, `shell-settings-${scheme}`);
    });
  }

  test('window.api has exactly the contract keys in browser mode, and they work', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    const seen = await page.evaluate(async () => {
      const api = (window as unknown as { api: unknown }).api as Record<string, unknown> & {
        'app:info': () => Promise<{ ok: boolean; value?: { mode: string; dataDir: string } }>;
      };
      const info = await api['app:info']();
      return {
        keys: Object.keys(api).sort(),
        types: Object.values(api).map((v) => typeof v),
        info,
        frozen: Object.isFrozen(api),
      };
    });
    expect(seen.keys).toEqual([...apiKeys].sort());
    expect(new Set(seen.types)).toEqual(new Set(['function']));
    expect(seen.frozen).toBe(true);
    expect(seen.info.ok).toBe(true);
    expect(seen.info.value).toMatchObject({ mode: 'browser', dataDir: host.dataDir });
  });
});
