import type { Page } from '@playwright/test';
import {
  area,
  dataDirState,
  expectInvalid,
  expectResponsive,
  listNames,
  ONE_MB,
  paste,
  seed,
  snapThemes,
  TOKEN_URL,
} from './bad-input-helpers.js';
import { callApi as api, expect, openApp, test } from './fixtures.js';
import {
  choosePlatform,
  expectStep,
  field,
  next,
  openAdvanced,
  startWizard,
} from './wizard-helpers.js';

// Bad user input on every screen that takes some: malformed URLs, CR/LF (typed, pasted, imported
// and sent past the page), non-ASCII, 1 MB pastes, invalid JSON, invalid curl, invalid tokens.
// Each case asserts the message a person finds at the field, that nothing was saved (the list and
// the files in the host's data dir), and that the page still answers.

test.describe('bad input in the provider wizard', () => {
  test('details: malformed and non-ASCII URLs, header rules, 1 MB pastes; nothing saved', async ({
    page,
    host,
  }) => {
    // Two 1 MB pastes and screenshots in both themes at each step: every step waits for what it
    // means, but the whole takes more than the default 30 s when the machine is busy.
    test.setTimeout(90_000);
    await openApp(page, host);
    const before = dataDirState(host.dataDir);
    await startWizard(page);
    await choosePlatform(page, 'OAuth 2.0 (token URL)');
    await next(page, 'Connection details');
    const url = field(page, 'Token URL');

    // Malformed URL: another scheme. Next stays on the step and the field says why.
    await url.fill('ftp://idp.example.com/token');
    await page.getByRole('button', { name: 'Next: Credentials' }).click();
    await expectStep(page, 'Connection details');
    await expectInvalid(url, /only http:\/\/ and https:\/\//);

    // An international host name: refused with the ASCII form to use instead.
    await url.fill('https://bücher.example/token');
    await expectInvalid(url, /non-ASCII.*xn--bcher-kva\.example/);

    // CR/LF pasted into a one-line field never reaches the value (the browser drops it).
    await url.fill('');
    await paste(page, url, `${TOKEN_URL}\r\nHost: evil.example`);
    await expect(url).not.toHaveValue(/[\r\n]/);

    await url.fill(TOKEN_URL);
    await expect(url).toHaveAttribute('aria-invalid', 'false');

    // Non-ASCII where it is legitimate: the name.
    await field(page, 'Connection name').fill('Équipe 東京 😀');
    await expect(field(page, 'Connection name')).toHaveAttribute('aria-invalid', 'false');

    // Headers: beyond Latin-1, and a name that is not a token.
    await openAdvanced(page);
    const headers = field(page, 'Extra headers');
    await headers.fill('X-City: 東京');
    await expectInvalid(headers, /Line 1: The value of X-City contains “東”.*Latin-1/);
    await headers.fill('X-Grüße: hello');
    await expectInvalid(headers, /Header names are ASCII only; “ü”/);
    await headers.fill('X-Tenant: Müller');
    await expect(headers).toHaveAttribute('aria-invalid', 'false');

    // A 1 MB paste into a short field: refused at the field, by size.
    const scope = field(page, 'Scope');
    await paste(page, scope, 'x'.repeat(ONE_MB));
    await page.getByRole('button', { name: 'Next: Credentials' }).click();
    await expectStep(page, 'Connection details');
    await expectInvalid(scope, /The scope is 1\.0 MB long; at most 8\.0 KB fits/);
    await snapThemes(page, 'wizard-details');
    await expectResponsive(page);
    await scope.fill('read');

    await next(page, 'Credentials');
    await field(page, 'Client ID').fill('sa-test');
    const secret = field(page, 'Client secret');
    await paste(page, secret, 's'.repeat(ONE_MB));
    await page.getByRole('button', { name: 'Next: Test and save' }).click();
    await expectStep(page, 'Credentials');
    await expectInvalid(secret, /client secret is 1\.0 MB long; at most 64\.0 KB is stored/);
    await snapThemes(page, 'wizard-credentials');

    await page.getByRole('button', { name: 'Cancel' }).click();
    // A typed secret is not discarded without asking.
    await page.getByRole('button', { name: 'Discard draft' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();
    expect(await listNames(page)).toEqual([]);
    expect(dataDirState(host.dataDir)).toEqual(before);
  });

  test('curl paste: invalid command explained at the field, a CRLF header not imported', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    await startWizard(page);
    await page.getByRole('button', { name: 'Paste a curl command' }).click();
    const command = field(page, 'curl command');
    await command.fill(`curl -d grant_type=client_credentials '${TOKEN_URL}`);
    await page.getByRole('button', { name: 'Read the command' }).click();
    await expectInvalid(command, /Could not read the command: A single quote .* never closed/);
    await snapThemes(page, 'wizard-curl-invalid');

    await command.fill(
      `curl -u sa-test:s3cret -d grant_type=client_credentials -H $'X-A: b\\r\\nX-Evil: 1' ${TOKEN_URL}`,
    );
    await page.getByRole('button', { name: 'Read the command' }).click();
    const notImported = page.getByRole('heading', { name: 'Not imported — check these' });
    await expect(notImported).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: '-H "X-A"' })).toContainText(
      /line break .*would start a new header/,
    );
    await page.getByRole('button', { name: 'Use these values' }).click();
    await expectStep(page, 'Connection details');
    await openAdvanced(page);
    await expect(field(page, 'Extra headers')).toHaveValue('');
  });

  test('bypassing the form: main refuses and stores neither the connection nor its secret', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    const before = dataDirState(host.dataDir);
    const connection = {
      name: 'Bypass',
      presetId: 'generic-oauth2',
      clientId: 'sa',
      tokenUrl: TOKEN_URL,
    };
    const attempts: [string, unknown, RegExp][] = [
      [
        'CRLF in a header value',
        {
          connection: { ...connection, extraHeaders: { 'X-A': 'b\r\nX-Evil: 1' } },
          secrets: { clientSecret: 's' },
        },
        /line break .*would start a new header/,
      ],
      [
        'CRLF in a header name',
        {
          connection: { ...connection, extraHeaders: { 'X-A\r\nX-Evil': 'b' } },
          secrets: { clientSecret: 's' },
        },
        /carriage return/,
      ],
      [
        'a line break in the token URL',
        {
          connection: { ...connection, tokenUrl: `${TOKEN_URL}\r\nHost: evil` },
          secrets: { clientSecret: 's' },
        },
        /U\+000D/,
      ],
      [
        'a valid connection with a 1 MB secret',
        { connection, secrets: { clientSecret: 'x'.repeat(ONE_MB) } },
        /client secret is too long/,
      ],
      [
        'an unknown preset',
        {
          connection: { ...connection, presetId: 'no-such-platform' },
          secrets: { clientSecret: 's' },
        },
        /Unknown platform preset/,
      ],
    ];
    for (const [what, args, message] of attempts) {
      const result = await api(page, 'connections:save', args);
      expect(result.ok, what).toBe(false);
      if (!result.ok) {
        expect(result.error.category, what).toBe('validation');
        expect(result.error.message, what).toMatch(message);
      }
    }
    expect(await listNames(page)).toEqual([]);
    expect(dataDirState(host.dataDir)).toEqual(before);
  });
});

test.describe('bad input when renaming a connection', () => {
  test('empty, 1 MB, pasted CRLF and a taken name are refused at the field; the old name stays', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    await seed(page, 'Alpha');
    await seed(page, 'Beta');
    await area(page, 'Inspector');
    await area(page, 'Connections');
    const before = dataDirState(host.dataDir);
    await page.getByRole('button', { name: 'More actions for Alpha' }).click();
    await page.getByRole('menuitem', { name: /^Rename…/ }).click();
    // The rename form is in the selected connection's detail pane.
    const row = page.getByRole('region', { name: 'Alpha', exact: true });
    const input = row.getByRole('textbox', { name: 'New name' });
    const save = row.getByRole('button', { name: 'Save name' });

    await input.fill('   ');
    await save.click();
    await expectInvalid(input, /Give the connection a name\./);

    await input.fill('');
    await paste(page, input, 'n'.repeat(ONE_MB));
    await save.click();
    await expectInvalid(input, /The name is 1\.0 MB long; at most 200 characters fits/);
    await expectResponsive(page);

    await input.fill('');
    await paste(page, input, 'Gamma\r\nDelta');
    await expect(input).not.toHaveValue(/[\r\n]/);

    // Taken: main refuses, and its answer is shown at the field.
    await input.fill('beta');
    await save.click();
    await expectInvalid(input, /A connection named "Beta" already exists/);
    await snapThemes(page, 'rename');
    await row.getByRole('button', { name: 'Cancel' }).click();

    // Past the form: a multi-line name is refused by main as well.
    const id = (await api(page, 'connections:list')) as {
      value: { connections: { connection: { id: string } }[] };
    };
    const refused = await api(page, 'connections:rename', {
      id: id.value.connections[0]!.connection.id,
      name: 'Alpha\r\nInjected',
    });
    expect(refused.ok).toBe(false);
    expect(await listNames(page)).toEqual(['Alpha', 'Beta']);
    expect(dataDirState(host.dataDir)).toEqual(before);

    // Non-ASCII is a legitimate name.
    await row.getByRole('button', { name: 'Rename', exact: true }).click();
    await row.getByRole('textbox', { name: 'New name' }).fill('Équipe 東京');
    await row.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByRole('listitem', { name: 'Équipe 東京', exact: true })).toBeVisible();
  });
});

test.describe('bad input in the request composer', () => {
  async function openComposer(page: Page): Promise<void> {
    await seed(page, 'Composer target');
    await area(page, 'Composer');
    await page
      .getByRole('combobox', { name: 'Connection' })
      .selectOption({ label: 'Composer target' });
    // The generic preset documents no endpoints: its catalog says so once the context is loaded.
    await expect(page.getByRole('tabpanel', { name: 'Catalog' })).toContainText(
      'documents no endpoints',
    );
  }

  test('URL and headers: messages at the field, Send refused, nothing in history', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    await openComposer(page);
    const url = page.getByRole('textbox', { name: 'URL', exact: true });
    const send = page.getByRole('button', { name: 'Send' });

    // Malformed: no scheme. Send does nothing but say where the problem is.
    await url.fill('api.example.com/items');
    await send.click();
    await expectInvalid(url, /Start the URL with https:\/\//);
    await expect(page.getByRole('alert').filter({ hasText: 'Not sent' })).toContainText('the URL');

    // A 1 MB paste into the URL: refused by size, the page keeps answering.
    await url.fill('');
    await paste(page, url, `https://api.example.com/${'a'.repeat(ONE_MB)}`);
    await expectInvalid(url, /The URL is 1\.0 MB long; at most 64\.0 KB fits/);
    await expectResponsive(page);

    // Pasted CRLF never reaches a one-line field.
    await url.fill('');
    await paste(page, url, 'https://api.example.com/items\r\nHost: evil.example');
    await expect(url).not.toHaveValue(/[\r\n]/);
    // Non-ASCII in the path and query is fine (percent-encoded when sent).
    await url.fill('https://api.example.com/größe?q=東京');
    await expect(url).toHaveAttribute('aria-invalid', 'false');

    await page.getByRole('tab', { name: /Headers/ }).click();
    await page.getByRole('combobox', { name: 'New header name' }).fill('Bad Name');
    const name = page.getByRole('combobox', { name: 'Name of header 1' });
    await expectInvalid(name, /“Bad Name” is not a valid header name/);
    await name.fill('X-City');
    const value = page.getByRole('textbox', { name: 'Value of header 1' });
    await value.fill('東京');
    await expectInvalid(value, /The value of X-City contains “東”.*Latin-1/);
    await send.click();
    await expect(page.getByRole('alert').filter({ hasText: 'Not sent' })).toContainText(
      'header 1 (Headers tab)',
    );
    await snapThemes(page, 'composer-headers');
    // Typed CR/LF: Enter in a one-line field adds no line, so no second header can start.
    await value.fill('');
    await value.pressSequentially('b\r\nX-Evil: 1');
    await expect(value).not.toHaveValue(/[\r\n]/);
    await value.fill('Müller');
    await expect(value).toHaveAttribute('aria-invalid', 'false');

    // The Auth tab's custom header: its own fields say what is wrong, never quoting the value.
    await page.getByRole('tab', { name: /Auth/ }).click();
    await page.getByRole('radio', { name: /Custom header/ }).check();
    const authName = page.getByRole('textbox', { name: 'Auth header name' });
    await authName.fill('X Api Key');
    await expectInvalid(authName, /“X Api Key” is not a valid header name/);
    const authValue = page.getByLabel('Auth header value');
    await authValue.fill('key-東京');
    await expectInvalid(authValue, /cannot carry in a header/);
    await expect(page.getByText('key-東京')).toHaveCount(0);
    await snapThemes(page, 'composer-auth');
    await authName.fill('X-Api-Key');
    await authValue.fill('key-123');
    await expect(authName).toHaveAttribute('aria-invalid', 'false');
    await expect(authValue).toHaveAttribute('aria-invalid', 'false');
    await page.getByRole('radio', { name: /Connection token/ }).check();

    // Past the page: main refuses a CRLF header and records nothing.
    const before = dataDirState(host.dataDir);
    const connections = (await api(page, 'connections:list')) as {
      value: { connections: { connection: { id: string } }[] };
    };
    const refused = await api(page, 'requests:send', {
      requestId: 'bad-input-0001',
      connectionId: connections.value.connections[0]!.connection.id,
      draft: {
        url: 'https://api.example.com/items',
        headers: [{ name: 'X-A', value: 'b\r\nX-Evil: 1', enabled: true }],
      },
    });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.message).toMatch(/line break/);
    const history = await api(page, 'requests:history', {});
    expect((history as { value: { total: number } }).value.total).toBe(0);
    expect(dataDirState(host.dataDir)).toEqual(before);
  });

  test('JSON body: line and column at the editor; a 1 MB body still works', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    await openComposer(page);
    await page.getByRole('combobox', { name: 'Method' }).selectOption('POST');
    await page.getByRole('tab', { name: /Body/ }).click();
    await page.getByRole('radio', { name: 'JSON' }).check();
    const editor = page.getByRole('textbox', { name: 'JSON body' });
    await editor.click();
    await page.keyboard.insertText('{\n"a": 1\n"b": 2\n}');
    const status = page.getByRole('status').filter({ hasText: /JSON|Empty body/ });
    await expect(status).toHaveText(/Not valid JSON\. Line 3, column 1: Expected ',' or '}'/);
    await expectInvalid(editor, /Line 3, column 1/);
    await snapThemes(page, 'composer-json');

    // 1 MB of valid JSON, pasted: accepted and checked, and the page answers.
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await expect(status).toHaveText('Empty body.');
    await page.keyboard.insertText(JSON.stringify({ data: 'é'.repeat(ONE_MB) }));
    await expect(status).toHaveText(/^Valid JSON/, { timeout: 20_000 });
    await expect(editor).not.toHaveAttribute('aria-invalid', 'true');
    await expectResponsive(page);
  });

  test('curl import: what it could not understand, at the field', async ({ page, host }) => {
    await openApp(page, host);
    await openComposer(page);
    await page.getByRole('button', { name: 'Import curl' }).click();
    const command = page.getByRole('textbox', { name: 'curl command' });
    await command.fill("curl 'https://api.example.com/items");
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expectInvalid(command, /Could not import: A single quote .* never closed/);
    await snapThemes(page, 'composer-curl');

    await command.fill(
      "curl -H $'X-A: b\\r\\nX-Evil: 1' -H 'X-Ok: yes' https://api.example.com/items",
    );
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByRole('note')).toContainText(/Not imported: -H "X-A" \(.*line break/);
    await page.getByRole('tab', { name: /Headers/ }).click();
    await expect(page.getByRole('combobox', { name: 'Name of header 1' })).toHaveValue('X-Ok');
    await expect(page.getByRole('combobox', { name: 'Name of header 2' })).toHaveCount(0);
  });
});

test.describe('bad input in the inspector', () => {
  test('invalid, non-ASCII and 1 MB tokens: the decode error is announced with the field', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    await area(page, 'Inspector');
    const box = page.getByRole('textbox', { name: 'Token to inspect' });
    await box.fill('eyJhbGciOiJIUzI1NiJ9.not-base64-ü.sig');
    await expectInvalid(box, /Not a token Grantline can decode/);
    await expect(page.getByRole('alert')).toContainText('This token could not be decoded');
    await snapThemes(page, 'inspector');

    await box.fill('');
    await paste(page, box, `eyJ${'A'.repeat(ONE_MB)}.x.y`);
    await expectInvalid(box, /Not a token Grantline can decode/);
    await expectResponsive(page);
    await box.fill('');
    await expect(box).not.toHaveAttribute('aria-invalid', 'true');
  });
});
