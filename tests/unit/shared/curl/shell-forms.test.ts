// How a command is written (quotes, continuations, prompts, other shells, web-page typography)
// must not change what is imported; and input that is not a curl command gets a clear error.
import { describe, expect, it } from 'vitest';
import { parseCurl } from '#shared/curl/index.js';
import type { CurlRequest } from '#shared/curl/index.js';

const TOKEN_URL = 'https://idp.example.com/oauth2/token';

function request(text: string): CurlRequest {
  const result = parseCurl(text);
  if (!result.ok) throw new Error(`expected a parse, got: ${result.error.message}`);
  return result.request;
}

function notesOf(text: string): string {
  const result = parseCurl(text);
  return result.ok ? result.notes.join('\n') : '';
}

function errorOf(text: string): { message: string; hint: string } {
  const result = parseCurl(text);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

/** The request every variant below must produce. */
const expected = {
  method: 'POST',
  url: TOKEN_URL,
  headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
  body: {
    kind: 'form',
    text: 'grant_type=client_credentials&scope=read write',
    params: [
      { name: 'grant_type', value: 'client_credentials' },
      { name: 'scope', value: 'read write' },
    ],
  },
  basicAuth: {
    user: 'my-client',
    password: 's3cret',
    source: 'user-option',
    trailingNewline: false,
  },
};

describe('the same command written different ways', () => {
  it.each([
    [
      'single quotes',
      `curl -u 'my-client:s3cret' -H 'Content-Type: application/x-www-form-urlencoded' -d 'grant_type=client_credentials&scope=read write' '${TOKEN_URL}'`,
    ],
    [
      'double quotes',
      `curl -u "my-client:s3cret" -H "Content-Type: application/x-www-form-urlencoded" -d "grant_type=client_credentials&scope=read write" "${TOKEN_URL}"`,
    ],
    [
      'POSIX backslash continuations',
      `curl -u my-client:s3cret \\\n  -H 'Content-Type: application/x-www-form-urlencoded' \\\n  -d 'grant_type=client_credentials&scope=read write' \\\n  ${TOKEN_URL}`,
    ],
    [
      'CRLF line endings',
      `curl -u my-client:s3cret \\\r\n -H 'Content-Type: application/x-www-form-urlencoded' \\\r\n -d 'grant_type=client_credentials&scope=read write' ${TOKEN_URL}\r\n`,
    ],
    [
      'Windows cmd ^ continuations',
      `curl -u my-client:s3cret ^\n  -H "Content-Type: application/x-www-form-urlencoded" ^\n  -d "grant_type=client_credentials&scope=read write" ^\n  ${TOKEN_URL}`,
    ],
    [
      'browser "Copy as cURL (cmd)" escapes',
      `curl ^"${TOKEN_URL}^" ^\n  -u ^"my-client:s3cret^" ^\n  -H ^"Content-Type: application/x-www-form-urlencoded^" ^\n  --data-raw ^"grant_type=client_credentials^&scope=read write^"`,
    ],
    [
      'PowerShell backtick continuations',
      `curl.exe -u "my-client:s3cret" \`\n  -H "Content-Type: application/x-www-form-urlencoded" \`\n  -d "grant_type=client_credentials&scope=read write" \`\n  ${TOKEN_URL}`,
    ],
    [
      'a $ prompt',
      `$ curl -u my-client:s3cret -H 'Content-Type: application/x-www-form-urlencoded' -d 'grant_type=client_credentials&scope=read write' ${TOKEN_URL}`,
    ],
    [
      'a PowerShell prompt',
      `PS C:\\Users\\me> curl.exe -u my-client:s3cret -H "Content-Type: application/x-www-form-urlencoded" -d "grant_type=client_credentials&scope=read write" ${TOKEN_URL}`,
    ],
    [
      'smart quotes and dashes from a web page',
      `curl —user ‘my-client:s3cret’ –H “Content-Type: application/x-www-form-urlencoded” —data ‘grant_type=client_credentials&scope=read write’ ${TOKEN_URL}`,
    ],
    [
      'non-breaking spaces from a web page',
      `curl\u00a0-u my-client:s3cret -H 'Content-Type: application/x-www-form-urlencoded'\u00a0-d 'grant_type=client_credentials&scope=read write' ${TOKEN_URL}`,
    ],
    [
      'a trailing space after a continuation backslash',
      `curl -u my-client:s3cret \\  \n -H 'Content-Type: application/x-www-form-urlencoded' \\\n -d 'grant_type=client_credentials&scope=read write' ${TOKEN_URL}`,
    ],
    [
      'options in another order with --url',
      `curl --data 'grant_type=client_credentials&scope=read write' --url ${TOKEN_URL} --header 'Content-Type: application/x-www-form-urlencoded' --user my-client:s3cret`,
    ],
  ])('%s', (_name, text) => {
    expect(request(text)).toEqual({
      ...expected,
      insecure: false,
      followRedirects: false,
      compressed: false,
    });
  });

  it('says how it read each shell form', () => {
    expect(notesOf(`curl ^\n ${TOKEN_URL}`)).toMatch(/Windows cmd/);
    expect(notesOf(`curl \`\n ${TOKEN_URL}`)).toMatch(/PowerShell/);
    expect(notesOf(`$ curl ${TOKEN_URL}`)).toMatch(/prompt "\$"/);
    expect(notesOf(`curl “${TOKEN_URL}”`)).toMatch(/smart\) quotes/);
    expect(notesOf(`curl \\ \n ${TOKEN_URL}`)).toMatch(/followed by spaces/);
  });

  it('keeps a Windows path intact in cmd and PowerShell', () => {
    expect(request(`curl --cacert C:\\certs\\ca.pem ^\n ${TOKEN_URL}`).caCert).toBe(
      'C:\\certs\\ca.pem',
    );
    expect(request(`curl.exe --cacert "C:\\certs\\ca.pem" \`\n ${TOKEN_URL}`).caCert).toBe(
      'C:\\certs\\ca.pem',
    );
  });

  it('reads PowerShell backtick escapes inside double quotes', () => {
    const r = request(`curl.exe -u "id:a\`$b\`"c" \`\n ${TOKEN_URL}`);
    expect(r.basicAuth?.password).toBe('a$b"c');
  });

  it('keeps a multi-line JSON body inside quotes', () => {
    const r = request(
      `curl -H 'Content-Type: application/json' -d '{\n  "audience": "api"\n}' ${TOKEN_URL}`,
    );
    expect(r.body).toEqual({ kind: 'json', text: '{\n  "audience": "api"\n}' });
  });

  it('reads bash ANSI-C quoting', () => {
    expect(request(`curl -d $'a=b\\tc' ${TOKEN_URL}`).body?.text).toBe('a=b\tc');
  });

  it('drops a # comment but keeps a # inside a word', () => {
    const r = request(`curl -u id:se#cret ${TOKEN_URL} # fetch a token`);
    expect(r.basicAuth?.password).toBe('se#cret');
    expect(r.url).toBe(TOKEN_URL);
    expect(notesOf(`curl ${TOKEN_URL} # don't`)).toMatch(/comment/);
  });

  it('keeps $VARIABLES and ${variables} literally instead of expanding them to nothing', () => {
    const r = request(
      `curl -u "$CLIENT_ID:\${CLIENT_SECRET}" -H "Authorization: Bearer $TOKEN" ${TOKEN_URL}`,
    );
    expect(r.basicAuth).toMatchObject({ user: '$CLIENT_ID', password: '${CLIENT_SECRET}' });
    expect(notesOf(`curl -H "X-Id: $ID" ${TOKEN_URL}`)).toContain('$ID');
  });

  it('keeps a lone $ and $$ as written', () => {
    expect(request(`curl -d 'a=$' -d a=b$ ${TOKEN_URL}`).body?.text).toBe('a=$&a=b$');
  });
});

describe('input that is not a usable curl command', () => {
  it('rejects empty input', () => {
    expect(errorOf('   \n ').message).toMatch(/nothing to import/i);
  });

  it('rejects text that is not a curl command, with an example', () => {
    const error = errorOf('POST https://auth.amplience.net/oauth/token');
    expect(error.message).toBe('This does not look like a curl command.');
    expect(error.hint).toContain('curl ');
  });

  it('names the other tool when it recognises one', () => {
    expect(errorOf(`wget --post-data 'a=b' ${TOKEN_URL}`).message).toContain('wget');
    expect(errorOf(`Invoke-RestMethod -Uri ${TOKEN_URL}`).message).toContain('Invoke-RestMethod');
    expect(errorOf(`http POST ${TOKEN_URL}`).message).toContain('http command');
    expect(errorOf(TOKEN_URL).message).toBe('This does not look like a curl command.');
  });

  it('reports an unbalanced single quote with its line', () => {
    const error = errorOf(`curl \\\n -d 'grant_type=client_credentials \\\n ${TOKEN_URL}`);
    expect(error.message).toBe("A single quote (') opened on line 2 is never closed.");
    expect(error.hint).toMatch(/whole command was copied/);
  });

  it('reports an unbalanced double quote', () => {
    expect(errorOf(`curl -H "Authorization: Basic abc ${TOKEN_URL}`).message).toMatch(
      /double quote \("\) opened on line 1/,
    );
  });

  it('reports a command without a URL', () => {
    const error = errorOf(`curl -d grant_type=client_credentials -u id:secret`);
    expect(error.message).toBe('The curl command has no URL.');
    expect(error.hint).toContain('--url');
  });

  it('reports a URL that is not http(s)', () => {
    expect(errorOf('curl ftp://files.example.com/x').message).toContain('ftp://');
  });

  it('reports a malformed ${…} substitution', () => {
    expect(errorOf(`curl -H "X: \${}" ${TOKEN_URL}`).message).toMatch(/malformed/);
  });
});
