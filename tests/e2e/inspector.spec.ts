import type { Page } from '@playwright/test';
import { decodeProtectedHeader, importJWK, SignJWT } from 'jose';
import { Audit } from './a11y-audit.js';
import { mintToken } from '../fixtures/oidc/mint-token.js';
import { startOidcFixture, type OidcFixture } from '../fixtures/oidc/oidc-fixture.js';
import { expect, openApp, snap, test as base } from './fixtures.js';

// Each test gets its own oidc-provider (in this Playwright process) minting real RS256 tokens, so
// a key rotation in one test cannot disturb another running in parallel.
const test = base.extend<{ oidc: OidcFixture }>({
  // eslint-disable-next-line no-empty-pattern
  oidc: async ({}, use) => {
    const fixture = await startOidcFixture({ privateKeyJwtClient: false });
    await use(fixture);
    await fixture.close();
  },
});

async function openInspector(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Areas' })
    .getByRole('button', { name: 'Inspector' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inspector' })).toBeVisible();
}

/**
 * The shell scrolls inside <main>, so a full-page screenshot shows one screenful: grow the window
 * to the content's height for the shot, then put it back.
 */
async function snapAll(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1200, height: 780 };
  const height = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 0);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await snap(page, name);
  await page.setViewportSize(size);
}

const tokenBox = (page: Page) => page.getByRole('textbox', { name: 'Token to inspect' });

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`inspector (${scheme})`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
    });

    test('pastes a real token, explains it, counts down and verifies it against the issuer', async ({
      page,
      host,
      oidc,
    }) => {
      // Discovery, key fetches, a rotation and eight screenshots: more than the default 30 s.
      test.setTimeout(90_000);
      await openApp(page, host);
      await openInspector(page);
      await expect(page.getByRole('heading', { name: 'Nothing to inspect yet' })).toBeVisible();
      await snapAll(page, `inspector-empty-${scheme}`);

      const token = await mintToken(oidc);
      const kid = decodeProtectedHeader(token).kid;
      await tokenBox(page).fill(`Bearer ${token.slice(0, 60)}\n${token.slice(60)}\n`);

      const fixes = page.getByRole('list', { name: 'Cleaned up the pasted text' });
      await expect(fixes).toContainText('Removed the "Bearer" prefix');
      await expect(fixes).toContainText('line break from inside the token');
      await expect(page.getByTestId('token-kind')).toContainText('Signed JWT (JWS)');

      const payload = page.getByRole('table', { name: 'Payload' });
      await expect(payload.getByRole('row', { name: /^iss/ })).toContainText(oidc.issuer);
      await expect(payload.getByRole('row', { name: /^iss/ })).toContainText(/issued/i);
      const exp = payload.getByRole('row', { name: /^exp/ });
      await expect(exp).toContainText(/expires in \d+ min/);
      await expect(exp).toContainText('UTC');

      // The countdown moves on its own.
      const lifetime = page.getByRole('group', { name: 'Lifetime verdict' });
      await expect(lifetime).toContainText('Valid');
      const before = await lifetime.textContent();
      await expect(lifetime).not.toHaveText(before ?? '');
      await expect(
        page.getByRole('meter', { name: "Share of the token's lifetime used" }),
      ).toBeVisible();
      await expect(page.getByText('Clock-skew allowance')).toBeVisible();

      // The issuer's keys are found through its discovery document: verified by itself, on top.
      const signature = page.getByRole('group', { name: 'Signature verdict' });
      await expect(signature).toContainText('Signature verified');
      await expect(signature).toContainText(
        `Checked by itself with the keys ${oidc.issuer} publishes (discovery)`,
      );
      await expect(page.getByText(/\b(below|above)\b/i)).toHaveCount(0);
      await expect(page.getByRole('textbox', { name: 'Issuer URL' })).toHaveValue(oidc.issuer);
      await page.getByRole('button', { name: 'Verify signature' }).click();
      const report = page.getByTestId('signature-report');
      await expect(report).toContainText('Signature verified');
      await expect(report).toContainText(kid ?? 'missing kid');
      await expect(signature).toContainText('Signature verified');
      await expect(signature).toContainText(kid ?? 'missing kid');
      await snapAll(page, `inspector-verified-${scheme}`);

      // After a key rotation the same token has no matching key in the issuer's JWKS.
      await oidc.rotateKeys();
      await page.getByRole('button', { name: 'Verify signature' }).click();
      await expect(report).toContainText('No matching key');
      await expect(report).toContainText(`No key with kid "${kid}"`);
      await expect(signature).toContainText('No matching key');
      await snapAll(page, `inspector-rotated-${scheme}`);
    });

    test('explains a corrupt token precisely and recognizes an opaque one', async ({
      page,
      host,
      oidc,
    }) => {
      await openApp(page, host);
      await openInspector(page);
      const token = await mintToken(oidc);
      const [header = '', payload = '', sig = ''] = token.split('.');
      const corrupt = `${header}.${payload.slice(0, 20)}%${payload.slice(21)}.${sig}`;
      await tokenBox(page).fill(corrupt);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('This token could not be decoded');
      await expect(alert).toContainText(`offset ${header.length + 21}`);
      await expect(alert).toContainText('payload');
      await expect(alert.locator('mark')).toHaveText('%');
      await snapAll(page, `inspector-corrupt-${scheme}`);

      await tokenBox(page).fill('"2YotnFZFEjr1zCsicMWpAA"');
      await expect(page.getByTestId('token-kind')).toContainText('Opaque token');
      await expect(
        page.getByText('Not a JWT: this provider issues reference tokens', { exact: false }),
      ).toBeVisible();
      await expect(page.getByRole('list', { name: 'Cleaned up the pasted text' })).toContainText(
        'quotes',
      );
      await expect(page.getByRole('group', { name: 'Signature verdict' })).toContainText(
        'Not applicable',
      );
      await snapAll(page, `inspector-opaque-${scheme}`);
    });

    test('checks an HMAC secret once and flags what a reviewer would', async ({ page, host }) => {
      await openApp(page, host);
      await openInspector(page);
      const secret = 'e2e-shared-secret-that-is-long-enough-for-hs256';
      const now = Math.floor(Date.now() / 1000);
      // A first-party style token: shared-secret algorithm and no exp.
      const hs = await new SignJWT({ sub: 'batch-job', scope: 'admin', iat: now })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .sign(new TextEncoder().encode(secret));
      await tokenBox(page).fill(JSON.stringify({ access_token: hs, token_type: 'Bearer' }));
      await expect(page.getByRole('list', { name: 'Cleaned up the pasted text' })).toContainText(
        'access_token',
      );
      const warnings = page.getByRole('list', { name: 'Warnings' });
      await expect(warnings).toContainText('HS256');
      await expect(warnings).toContainText(/exp/);
      await expect(page.getByRole('group', { name: 'Lifetime verdict' })).toContainText(
        'No expiry',
      );

      await expect(page.getByRole('radio', { name: 'HMAC secret' })).toBeChecked();
      const secretBox = page.getByLabel('Shared secret');
      await secretBox.fill(secret);
      await page.getByRole('button', { name: 'Verify signature' }).click();
      await expect(page.getByTestId('signature-report')).toContainText('Signature verified');
      await expect(secretBox).toHaveValue('');
      expect(await page.content()).not.toContain(secret);
      await snapAll(page, `inspector-hmac-${scheme}`);

      const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
        JSON.stringify({ sub: 'anyone', iat: now - 3000, exp: now + 200 }),
      ).toString('base64url')}.`;
      await tokenBox(page).fill(none);
      await expect(page.getByTestId('token-kind')).toContainText('Unsecured JWT');
      await expect(warnings).toContainText('Critical');
      await expect(warnings).toContainText('alg is "none"');
      await expect(page.getByRole('group', { name: 'Signature verdict' })).toContainText(
        'Not signed',
      );
      // 3000 s into a 3200 s life: "expires soon", the bar nearly full.
      await expect(page.getByRole('group', { name: 'Lifetime verdict' })).toContainText(
        'Expires soon',
      );
      const meter = page.getByRole('meter', { name: "Share of the token's lifetime used" });
      await expect(meter).toHaveAttribute('aria-valuenow', /^9[3-5]$/);
      await snapAll(page, `inspector-unsecured-${scheme}`);
    });
  });
}

test("inspects a connection's live token and reveals it only on an explicit click", async ({
  page,
  host,
  oidc,
}) => {
  // A token fetch, two key checks (one by itself) and a screenshot: more than 30 s when loaded.
  test.setTimeout(90_000);
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page, host);
  // The connection is created the way the wizard does it: through window.api.
  const saved = await page.evaluate(
    async ({ tokenUrl, clientId, clientSecret }) => {
      const api = (
        window as unknown as { api: Record<string, (args?: unknown) => Promise<unknown>> }
      ).api;
      return (await api['connections:save']!({
        connection: {
          name: 'Broker realm',
          presetId: 'generic-oauth2',
          tokenUrl,
          clientId,
          scope: 'email',
        },
        secrets: { clientSecret },
      })) as { ok: boolean; error?: unknown };
    },
    {
      tokenUrl: oidc.tokenUrl,
      clientId: oidc.clients.basic.clientId,
      clientSecret: oidc.clients.basic.clientSecret ?? '',
    },
  );
  expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });

  await openInspector(page);
  await page.getByRole('radio', { name: "A connection's token" }).check();
  await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: 'Broker realm' });
  await expect(page.getByTestId('token-kind')).toContainText('Signed JWT (JWS)');
  await expect(page.getByRole('table', { name: 'Payload' })).toContainText(oidc.issuer);
  await expect(page.getByRole('textbox', { name: 'Revealed token' })).toHaveCount(0);
  // The page holds header and claims, never the token's signature part.
  const html = await page.content();
  expect(html).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/);

  // The keys come from the connection's realm, fetched by main with its TLS settings: the check
  // runs by itself, and again on request.
  const verdict = page.getByRole('group', { name: 'Signature verdict' });
  await expect(verdict).toContainText('Signature verified');
  await expect(verdict).toContainText("Checked by itself with the connection's issuer keys");
  await expect(page.getByRole('radio', { name: "This connection's issuer keys" })).toBeChecked();
  await page.getByRole('button', { name: 'Verify signature' }).click();
  const report = page.getByTestId('signature-report');
  await expect(report).toContainText('Signature verified');
  await expect(report).toContainText(oidc.jwksUri);
  await snapAll(page, 'inspector-connection-light');

  await page.getByRole('button', { name: 'Reveal token' }).click();
  const revealed = page.getByRole('textbox', { name: 'Revealed token' });
  await expect(revealed).toHaveValue(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
  await page.getByRole('button', { name: 'Hide token' }).click();
  await expect(revealed).toHaveCount(0);
});

test('remembers a JWKS URL per issuer, and highlights the decoded side of a part', async ({
  page,
  host,
  oidc,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, host);
  await openInspector(page);
  const audits = {
    light: new Audit(page, 'inspector light'),
    dark: new Audit(page, 'inspector dark'),
  };
  const key = oidc.signingKeys().find((k) => k.alg === 'RS256')!;
  // An issuer that is not an address: its keys cannot be discovered, only given.
  const iss = 'urn:grantline:e2e-broker';
  const sign = async (sub: string): Promise<string> =>
    new SignJWT({ sub, iss })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(await importJWK(key.privateJwk, 'RS256'));

  await tokenBox(page).fill(await sign('first'));
  const verdict = page.getByRole('group', { name: 'Signature verdict' });
  await expect(verdict).toContainText('Not verified');
  await expect(verdict).toContainText('not an https address');
  await verdict.getByRole('button', { name: 'Choose keys' }).click();
  await expect(page.getByRole('radio', { name: 'Issuer (discovery document)' })).toBeFocused();
  await page.getByRole('radio', { name: 'JWKS URL' }).check();
  await page.getByRole('textbox', { name: 'JWKS URL' }).fill(oidc.jwksUri);
  await page.getByRole('button', { name: 'Verify signature' }).click();
  await expect(verdict).toContainText('Signature verified');

  // The next token of that issuer is checked by itself with the remembered URL.
  await tokenBox(page).fill(await sign('second'));
  await expect(verdict).toContainText(`Checked by itself with the JWKS URL remembered for ${iss}`);
  await expect(verdict).toContainText('Signature verified');
  const forget = page.getByRole('button', { name: 'Forget this JWKS URL' });
  await expect(forget).toBeVisible();

  // The encoded parts, colour-coded: picking one highlights its decoded side.
  const payloadCard = page.getByRole('region', { name: 'Payload' });
  await page
    .getByRole('group', { name: 'Highlight a part' })
    .getByRole('button', { name: 'Payload' })
    .click();
  await expect(payloadCard).toHaveAttribute('data-highlighted', 'true');
  await page.getByTestId('encoded-token').locator('[data-part="header"]').click();
  await expect(page.getByRole('region', { name: 'Header' })).toHaveAttribute(
    'data-highlighted',
    'true',
  );
  await expect(payloadCard).not.toHaveAttribute('data-highlighted', 'true');
  // Side by side at 1280 wide: the encoded token and the decoded header share a row.
  const encodedBox = await page.getByRole('region', { name: 'Encoded' }).boundingBox();
  const headerBox = await page.getByRole('region', { name: 'Header' }).boundingBox();
  expect(encodedBox && headerBox && headerBox.x > encodedBox.x + encodedBox.width - 1).toBe(true);

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await audits[scheme].scan('Inspector: auto-verified, side by side, part highlighted');
    for (const [width, height] of [
      [1280, 800],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await snap(page, `inspector-side-by-side-${width}x${height}-${scheme}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  // Stacked when narrow: the header comes under the encoded token.
  await page.setViewportSize({ width: 1024, height: 700 });
  const narrowEncoded = await page.getByRole('region', { name: 'Encoded' }).boundingBox();
  const narrowHeader = await page.getByRole('region', { name: 'Header' }).boundingBox();
  expect(
    narrowEncoded && narrowHeader && narrowHeader.y >= narrowEncoded.y + narrowEncoded.height,
  ).toBe(true);

  await forget.click();
  await expect(forget).toHaveCount(0);
  await tokenBox(page).fill(await sign('third'));
  await expect(verdict).toContainText('not an https address');
  for (const audit of Object.values(audits)) audit.report();
});
