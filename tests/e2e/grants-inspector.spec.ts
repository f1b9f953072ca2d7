import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { clientCert } from '../fixtures/certs/index.js';
import { startGrantsIdp, type GrantsIdp } from '../fixtures/grants/grants-idp.js';
import { callApi, expect, openApp, test as base } from './fixtures.js';

// Sender-constrained connection tokens in the inspector: a DPoP-bound and a certificate-bound
// token from oidc-provider, each checked by main against the connection's key or certificate.
const test = base.extend<{ idp: GrantsIdp }>({
  // eslint-disable-next-line no-empty-pattern
  idp: async ({}, use) => {
    const idp = await startGrantsIdp();
    await use(idp);
    await idp.close();
  },
});

const SHOTS = '/work/shots/grants';

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByTestId('binding-card').scrollIntoViewIfNeeded();
      await page.screenshot({
        path: join(SHOTS, `${name}-${size.width}x${size.height}-${scheme}.png`),
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function inspectConnection(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Areas' })
    .getByRole('button', { name: 'Inspector' })
    .click();
  await page.getByRole('radio', { name: "A connection's token" }).check();
  await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: name });
  await expect(page.getByTestId('token-kind')).toContainText('Signed JWT (JWS)');
}

test('shows and checks the DPoP and certificate bindings of connection tokens', async ({
  page,
  host,
  idp,
}) => {
  await openApp(page, host);
  const dpop = await callApi(page, 'connections:save', {
    connection: {
      name: 'DPoP-bound API client',
      presetId: 'generic-oauth2',
      tokenUrl: idp.tokenUrl,
      clientId: idp.clients.dpop.clientId,
      dpop: { enabled: true },
      tls: { insecure: false, caPem: idp.caPem },
    },
    secrets: { clientSecret: idp.clients.dpop.clientSecret },
  });
  expect(dpop, JSON.stringify(dpop)).toMatchObject({ ok: true });
  const mtls = await callApi(page, 'connections:save', {
    connection: {
      name: 'Certificate-bound API client',
      presetId: 'generic-oauth2',
      tokenUrl: idp.tokenUrl,
      clientId: idp.clients.mtls.clientId,
      tls: { insecure: false, caPem: idp.caPem },
    },
    secrets: {
      clientSecret: idp.clients.mtls.clientSecret,
      clientCert: clientCert.cert,
      clientKey: clientCert.key,
    },
  });
  expect(mtls, JSON.stringify(mtls)).toMatchObject({ ok: true });

  await inspectConnection(page, 'DPoP-bound API client');
  const card = page.getByTestId('binding-card');
  await expect(card).toContainText('DPoP key (cnf.jkt)');
  await expect(card).toContainText('Matches');
  await expect(card).toContainText('sender-constrained to this connection');
  await shoot(page, 'inspector-dpop');

  await inspectConnection(page, 'Certificate-bound API client');
  await expect(card).toContainText('Client certificate (cnf.x5t#S256)');
  await expect(card).toContainText('Matches');
  await shoot(page, 'inspector-mtls');
});
