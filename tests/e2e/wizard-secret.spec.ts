import { startAmplienceEmulator, type AmplienceEmulator } from '../fixtures/emulators/index.js';
import { expect, openApp, test } from './fixtures.js';
import { heapSnapshot } from './heap.js';
import {
  choosePlatform,
  expectStep,
  expectValidToken,
  field,
  next,
  openAdvanced,
  runTest,
  saveAndFindRow,
  startWizard,
  success,
} from './wizard-helpers.js';

// After saving, the client secret must not be anywhere in the renderer: not in the DOM, not in
// storage, not in the JavaScript heap. A canary secret is typed into the wizard, used for a test
// and a save, and then searched for in a heap snapshot taken over the DevTools protocol.

const CANARY = 'GrantlineCanary-7f3a9c51e2';
let amplience: AmplienceEmulator;

test.beforeAll(async () => {
  amplience = await startAmplienceEmulator({ clientSecret: CANARY });
});

test.afterAll(async () => {
  await amplience?.close();
});

test('the secret typed in the wizard is gone from the renderer after saving', async ({
  page,
  host,
}) => {
  test.setTimeout(60_000);
  await openApp(page, host);
  await startWizard(page);
  await choosePlatform(page, 'Amplience');
  await next(page, 'Connection details');
  await openAdvanced(page);
  await field(page, 'Token URL override').fill(amplience.tokenUrl);
  await next(page, 'Credentials');
  await field(page, 'Client ID').fill(amplience.clientId);
  // Typed key by key: nothing but the page's own input handling ever holds the whole string.
  await field(page, 'Client secret').pressSequentially(CANARY);

  // The control: while the form holds it, the snapshot does find it (so the search works).
  expect(await heapSnapshot(page)).toContain(CANARY);

  await next(page, 'Test and save');
  await runTest(page);
  await expect(success(page)).toBeVisible();
  const row = await saveAndFindRow(page, 'Amplience');
  await expectValidToken(row);

  // Editing shows that a secret is stored, never the secret.
  await page.getByRole('button', { name: 'More actions for Amplience' }).click();
  await page.getByRole('menuitem', { name: 'Edit…' }).click();
  await expectStep(page, 'Connection details');
  await page.getByRole('button', { name: 'Step 4: Credentials' }).click();
  await expect(field(page, 'Client secret')).toHaveValue('');
  await expect(field(page, 'Client secret')).toHaveAttribute(
    'placeholder',
    'A secret is stored; type to replace',
  );
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('listitem', { name: 'Amplience' })).toBeVisible();

  expect(await page.content()).not.toContain(CANARY);
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(storage).not.toContain(CANARY);
  const snapshot = await heapSnapshot(page);
  expect(snapshot.length).toBeGreaterThan(100_000);
  expect(snapshot.includes(CANARY), 'the canary secret is still in the renderer heap').toBe(false);
});
