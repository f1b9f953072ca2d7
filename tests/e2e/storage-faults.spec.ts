import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openApp, snap, startServe, stopServe, test, callApi as api } from './fixtures.js';

// "The user is told": `grantline serve` on a data dir with a damaged connections.json and a
// secrets.json from a future version starts, shows a banner for each, and lists the intact
// connections.

test('damaged and newer files: banners say so, intact connections are listed', async ({
  page,
  dataDir,
}) => {
  const first = await startServe(dataDir);
  await openApp(page, first);
  for (const name of ['Alpha', 'Beta', 'Gamma']) {
    const saved = await api(page, 'connections:save', {
      connection: {
        name,
        presetId: 'generic-oauth2',
        clientId: `client-${name}`,
        tokenUrl: 'https://idp.example/oauth2/token',
      },
      secrets: { clientSecret: `secret-of-${name}` },
    });
    expect(saved.ok).toBe(true);
  }
  await stopServe(first);

  const connectionsFile = join(dataDir, 'connections.json');
  const doc = JSON.parse(readFileSync(connectionsFile, 'utf8')) as {
    connections: { name: string; tokenUrl: string }[];
  };
  doc.connections.find((c) => c.name === 'Beta')!.tokenUrl = 'not a url';
  writeFileSync(connectionsFile, JSON.stringify(doc));
  const secretsFile = join(dataDir, 'secrets.json');
  const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(secretsFile, JSON.stringify({ ...secrets, version: 7 }));

  const host = await startServe(dataDir);
  try {
    await openApp(page, host);
    const banners = page.getByRole('status');
    await expect(
      banners.filter({ hasText: /connections\.json was damaged: 1 record could not be read/ }),
    ).toContainText('connection "Beta"');
    await expect(
      banners.filter({ hasText: /secrets\.json was written by a newer version of Grantline/ }),
    ).toContainText(/kept unchanged as secrets\.json\.newer-v7-/);
    const main = page.getByRole('main');
    await expect(main.getByText('Alpha', { exact: true })).toBeVisible();
    await expect(main.getByText('Gamma', { exact: true })).toBeVisible();
    await expect(main.getByText('Beta', { exact: true })).toHaveCount(0);
    await snap(page, 'storage-faults-banners');
  } finally {
    await stopServe(host);
  }
});
