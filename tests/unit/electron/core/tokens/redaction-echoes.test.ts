import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenStatus } from '#shared/connection.js';
import { TokenEngine } from '../../../../../electron/core/tokens/engine.js';
import { testConnection } from '../../../../../electron/core/tokens/test-connection.js';
import { leaksInText } from '../../../../fixtures/canary/leak-forms.js';
import { failOnUnhandledRejections, specFor } from './helpers.js';

failOnUnhandledRejections();

// A token endpoint that repeats the secret back in every encoding it can think of. Nothing the
// user sees or the app keeps (the exchange view, the error, the status event) may carry it.

const clientId = 'echo-client';
// A quote and a backslash (JSON escapes them), HTML specials, a space and non-ASCII.
const canary = 'Echo"Canary\\<b>&\'x sécret';

/** How the server echoes the secret (`form` = the value of client_secret it received). */
function echoes(secret: string): Record<string, string> {
  const html = secret
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
  return {
    plain: secret,
    html,
    base64: Buffer.from(secret).toString('base64'),
    base64url: Buffer.from(secret).toString('base64url'),
    basic: Buffer.from(`${clientId}:${secret}`).toString('base64'),
    hex: Buffer.from(secret).toString('hex'),
  };
}

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      // The secret as it arrived: in a JSON or form body, or in a Basic header on a retry.
      let secret = '';
      if (/json/i.test(req.headers['content-type'] ?? '')) {
        secret = (JSON.parse(body || '{}') as { client_secret?: string }).client_secret ?? '';
      } else {
        secret = new URLSearchParams(body).get('client_secret') ?? '';
      }
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (secret === '' && basic !== undefined) {
        const pair = Buffer.from(basic, 'base64').toString('utf8');
        secret = pair.slice(pair.indexOf(':') + 1);
      }
      const forms = echoes(secret);
      res.writeHead(401, { 'Content-Type': 'application/json', 'X-Echo': forms.base64 });
      res.end(
        JSON.stringify({
          error: 'invalid_client',
          error_description: `Unknown secret ${forms.html} (${forms.base64}, ${forms.hex})`,
          echo: forms,
          note: `you sent ${secret}`,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('redaction of a secret the server echoes back', () => {
  for (const bodyEncoding of ['form', 'json'] as const) {
    it(`hides every encoding in the exchange view and the error (${bodyEncoding} body)`, async () => {
      const spec = specFor({
        tokenUrl: url,
        clientId,
        clientSecret: canary,
        authMethod: 'client_secret_post',
        bodyEncoding,
      });
      const report = await testConnection(spec);
      expect(report.ok).toBe(false);
      expect(report.exchange?.response?.body).toContain('[redacted]');
      const shown = JSON.stringify(report);
      expect(leaksInText(shown, canary, clientId)).toEqual([]);
      // JSON.stringify of the report escapes again: look at the texts as the user reads them.
      for (const text of [
        report.exchange?.request.body ?? '',
        report.exchange?.response?.body ?? '',
        report.error?.message ?? '',
        JSON.stringify(report.exchange?.response?.headers ?? {}),
      ]) {
        expect(leaksInText(text, canary, clientId), text).toEqual([]);
      }
    });
  }

  it('keeps the echoes out of tokens:status-changed', async () => {
    const statuses: TokenStatus[] = [];
    const engine = new TokenEngine({
      resolve: async () =>
        specFor({
          tokenUrl: url,
          clientId,
          clientSecret: canary,
          authMethod: 'client_secret_post',
        }),
      schedule: null,
      onStatus: (status) => statuses.push(status),
    });
    await engine.ensureToken('c1').catch(() => undefined);
    expect(statuses.some((s) => s.error !== null)).toBe(true);
    for (const status of statuses) {
      expect(leaksInText(JSON.stringify(status), canary, clientId)).toEqual([]);
      expect(leaksInText(status.error?.message ?? '', canary, clientId)).toEqual([]);
    }
    await engine.close();
  });

  it('hides a secret under four characters where it is a whole value', async () => {
    const short = 'k"9';
    const spec = specFor({
      tokenUrl: url,
      clientId,
      clientSecret: short,
      authMethod: 'client_secret_post',
      bodyEncoding: 'json',
    });
    const report = await testConnection(spec);
    const request = JSON.parse(report.exchange?.request.body ?? '{}') as Record<string, string>;
    expect(request.client_secret).toBe('[redacted]');
    const response = JSON.parse(report.exchange?.response?.body ?? '{}') as {
      echo: Record<string, string>;
    };
    for (const [form, value] of Object.entries(response.echo)) {
      expect(value, form).toBe('[redacted]');
    }
  });
});
