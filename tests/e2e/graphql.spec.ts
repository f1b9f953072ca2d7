import type { Page } from '@playwright/test';
import { saveConnection } from '../fixtures/api-server/e2e-helpers.js';
import { startGraphqlServer, type GraphqlServer } from '../fixtures/graphql/server.js';
import { startOidcFixture, type OidcFixture } from '../fixtures/oidc/oidc-fixture.js';
import { axe } from './a11y-audit.js';
import { expect, openApp, showTree, snap, test } from './fixtures.js';

// One IdP and one GraphQL server (shaped like Amplience's asset API, bearer token required) for
// the file; each test gets its own `grantline serve` and data dir.
let oidc: OidcFixture;
let gql: GraphqlServer;

test.beforeAll(async () => {
  oidc = await startOidcFixture({ privateKeyJwtClient: false });
  gql = await startGraphqlServer({ issuer: oidc.issuer, jwksUri: oidc.jwksUri });
});
test.afterAll(async () => {
  await gql?.close();
  await oidc?.close();
});

/** The Amplience connection with its API host pointed at the local GraphQL server. */
async function amplienceInComposer(page: Page): Promise<void> {
  await saveConnection(page, oidc, {
    name: 'Amplience',
    presetId: 'amplience',
    client: 'post',
    apiBaseUrls: [{ name: 'Content Management', url: gql.origin }],
  });
  await page
    .getByRole('navigation', { name: 'Areas' })
    .getByRole('button', { name: 'Composer' })
    .click();
  await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: 'Amplience' });
  await page
    .getByRole('list', { name: 'Catalog endpoints' })
    .getByRole('button', { name: /GraphQL Asset Management/ })
    .click();
  await page.getByRole('tab', { name: /Body/ }).click();
}

test.describe('GraphQL requests', () => {
  test('a query completes as typed from the schema, runs with variables and shows the JSON answer', async ({
    page,
    host,
  }) => {
    test.setTimeout(120_000);
    await openApp(page, host);
    gql.reset();
    await amplienceInComposer(page);
    await expect(page.getByRole('radio', { name: 'GraphQL' })).toBeChecked();
    // Main fetched the schema with the connection's token (the server refuses anything else).
    await expect(page.getByText(/Schema: 13 types, loaded/)).toBeVisible({ timeout: 20_000 });
    expect(gql.introspections()).toBe(1);

    const query = page.getByRole('textbox', { name: 'GraphQL query' });
    // The line under the editors that says what is wrong (the editors mark it at its line too).
    const status = page.locator('.gql-body > .body-status');
    await query.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('query Find($keyword: String!) {\n  ');
    // Completion as typed: a few letters, the schema's field is offered, Enter takes it.
    await page.keyboard.type('searchA');
    const option = page.getByRole('option', { name: /searchAssets/ });
    await expect(option).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await snap(page, `graphql-completion-1200x780-${colorScheme}`);
    }
    await page.keyboard.press('Enter');
    await expect(query).toContainText('searchAssets');
    await page.keyboard.insertText(
      '(keyword: $keyword) {\n    total\n    edges { node { name } }\n  }\n}',
    );
    await page.keyboard.press('Escape');
    // The variables are checked against the operation: $keyword is required.
    await expect(status).toHaveText(
      'Variables: Variable "$keyword" of required type "String!" was not provided.',
    );

    // A wrong field is reported at its line, with the schema's suggestion.
    await page.keyboard.press('ControlOrMeta+End');
    const bad = '\nquery Bad { asset(id: "1") { nam } }';
    await page.keyboard.insertText(bad);
    await expect(status).toHaveText(/^Line 7: Cannot query field "nam" on type "Asset"/);
    // Two operations now: the picker offers both and keeps the first.
    const picker = page.getByRole('combobox', { name: 'Operation' });
    await expect(picker).toHaveValue('Find');
    await expect(picker.getByRole('option')).toHaveText(['query Find', 'query Bad']);
    for (let i = 0; i < bad.length; i++) await page.keyboard.press('Backspace');
    await expect(picker).toBeHidden();

    const variables = page.getByRole('textbox', { name: 'GraphQL variables' });
    await variables.click();
    await page.keyboard.insertText('{ "keyword": 7 }');
    await expect(status).toHaveText(/^Variables: Variable "\$keyword" got invalid value 7/);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText('{ "keyword": "logo" }');
    await expect(status).toHaveText('The query and variables match the schema.');

    for (const [width, height] of [
      [1280, 800],
      [1024, 700],
    ] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme });
        await page.locator('.gql-body').scrollIntoViewIfNeeded();
        await snap(page, `graphql-editor-${width}x${height}-${colorScheme}`);
      }
    }
    const { blocking } = await axe(page);
    expect(blocking).toEqual([]);

    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByLabel('Status 200 OK')).toBeVisible({ timeout: 20_000 });
    const sent = gql.emulator.lastRequest()!;
    expect(sent.headers.authorization).toMatch(/^Bearer eyJ/);
    expect(sent.headers['content-type']).toBe('application/json');
    const body = JSON.parse(sent.body) as { query: string; variables: unknown };
    expect(body.query).toContain('searchAssets(keyword: $keyword)');
    expect(body.variables).toEqual({ keyword: 'logo' });

    await showTree(page);
    const tree = page.getByRole('tree', { name: 'JSON body' });
    // The first level (`data`) is open already.
    await tree.getByRole('treeitem', { name: /^searchAssets/ }).click();
    await expect(tree.getByRole('treeitem', { name: /^total/ })).toContainText('2');

    for (const [width, height] of [
      [1280, 800],
      [1024, 700],
    ] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme });
        await tree.scrollIntoViewIfNeeded();
        await snap(page, `graphql-response-${width}x${height}-${colorScheme}`);
      }
    }
  });

  test('hover shows the schema’s docs, and a reload fetches the schema again', async ({
    page,
    host,
  }) => {
    test.setTimeout(90_000);
    await openApp(page, host);
    gql.reset();
    await amplienceInComposer(page);
    await expect(page.getByText(/Schema: 13 types, loaded/)).toBeVisible({ timeout: 20_000 });
    const query = page.getByRole('textbox', { name: 'GraphQL query' });
    await query.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText('{ rootFolders { name } }');
    await query.getByText('rootFolders').hover();
    await expect(page.locator('.gql-hover')).toContainText('Folders at the top of the hub.');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await snap(page, `graphql-hover-1200x780-${colorScheme}`);
    }

    await page.getByRole('button', { name: 'Reload schema' }).click();
    await expect(page.getByText(/Schema: 13 types, loaded [^(]*$/)).toBeVisible();
    expect(gql.introspections()).toBe(2);
  });
});
