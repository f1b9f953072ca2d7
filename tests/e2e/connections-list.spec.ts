import type { Page } from '@playwright/test';
import { startAmplienceEmulator, type AmplienceEmulator } from '../fixtures/emulators/index.js';
import { expect, openApp, snap, test, callApi as api } from './fixtures.js';
import { expectStep, field, runTest, success } from './wizard-helpers.js';

// The connections list against a real `grantline serve`: live token status, and test, edit,
// duplicate, rename, delete (with its secret), "Try a request" and "Open in Inspector".

let amplience: AmplienceEmulator;

test.beforeAll(async () => {
  amplience = await startAmplienceEmulator();
});

test.afterAll(async () => {
  await amplience?.close();
});

/** Save a connection directly and show the list again (it loads when the area opens). */
async function seed(page: Page, name: string, secret: string): Promise<string> {
  const result = await api(page, 'connections:save', {
    connection: {
      name,
      presetId: 'amplience',
      clientId: amplience.clientId,
      tokenUrl: amplience.tokenUrl,
    },
    secrets: { clientSecret: secret },
  });
  expect(result.ok).toBe(true);
  return (result.value as { connection: { id: string } }).connection.id;
}

async function showList(page: Page): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Areas' });
  await nav.getByRole('button', { name: 'Settings' }).click();
  await nav.getByRole('button', { name: 'Connections' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();
}

async function snapThemes(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await snap(page, `connections-${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('status, test, rename, duplicate and delete with confirmation', async ({ page, host }) => {
  await openApp(page, host);
  const goodId = await seed(page, 'Amplience', amplience.clientSecret);
  await seed(page, 'Amplience staging', 'wrong-secret');
  await showList(page);

  const good = page.getByRole('listitem', { name: 'Amplience', exact: true });
  const bad = page.getByRole('listitem', { name: 'Amplience staging' });
  await expect(good.getByText('Never fetched')).toBeVisible();
  await good.getByRole('button', { name: 'Test Amplience' }).click();
  await expect(good.getByText(/^Token valid until .* \([45] min/)).toBeVisible();
  await bad.getByRole('button', { name: 'Test Amplience staging' }).click();
  await expect(bad.getByText('Failing')).toBeVisible();
  await expect(bad.getByText(/Amplience did not accept the API key or secret/)).toBeVisible();

  // Status changes made elsewhere arrive as tokens:status-changed events.
  await api(page, 'tokens:invalidate', { connectionId: goodId });
  await expect(good.getByText('Never fetched')).toBeVisible();
  await api(page, 'tokens:fetch', { connectionId: goodId });
  await expect(good.getByText(/^Token valid until/)).toBeVisible();
  await snapThemes(page, 'list');

  await good.getByRole('button', { name: 'Rename Amplience' }).click();
  await field(page, 'New name').fill('Amplience prod');
  await snapThemes(page, 'rename');
  await page.getByRole('button', { name: 'Save name' }).click();
  const prod = page.getByRole('listitem', { name: 'Amplience prod', exact: true });
  await expect(prod).toBeVisible();

  await prod.getByRole('button', { name: 'Duplicate Amplience prod' }).click();
  const copy = page.getByRole('listitem', { name: 'Amplience prod (copy)' });
  await expect(copy).toBeVisible();
  // The copy has its own copy of the secret: it gets a token too.
  await copy.getByRole('button', { name: 'Test Amplience prod (copy)' }).click();
  await expect(copy.getByText(/^Token valid until/)).toBeVisible();
  const copyId = (
    (await api(page, 'connections:list')).value as {
      connections: { connection: { id: string; name: string } }[];
    }
  ).connections.find((c) => c.connection.name === 'Amplience prod (copy)')!.connection.id;

  await copy.getByRole('button', { name: 'Delete Amplience prod (copy)' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText(
    'Delete “Amplience prod (copy)” and its stored secret? This cannot be undone.',
  );
  await snapThemes(page, 'delete-confirm');
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
  const row = page.getByRole('listitem', { name: 'Amplience staging' });
  await row.getByRole('button', { name: 'Edit Amplience staging' }).click();
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
  await expect(row.getByText(/^Token valid until/)).toBeVisible();
});

test('"Try a request" opens the composer and "Open in Inspector" the inspector', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await seed(page, 'Amplience', amplience.clientSecret);
  await showList(page);
  const nav = page.getByRole('navigation', { name: 'Areas' });
  await page.getByRole('button', { name: 'Try a request with Amplience' }).click();
  await expect(nav.getByRole('button', { name: 'Composer' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await nav.getByRole('button', { name: 'Connections' }).click();
  await page.getByRole('button', { name: 'Open in Inspector: Amplience' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inspector' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Inspector' })).toHaveAttribute(
    'aria-current',
    'page',
  );
});
