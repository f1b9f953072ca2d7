import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  CONTENT_SECURITY_POLICY,
  appResponseHeaders,
  contentTypeFor,
  externalHttpsUrl,
  isAppUrl,
  resolveAppAssetPath,
} from '../../../../electron/adapters/app-url.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const rendererDir = join(root, 'dist', 'renderer');

describe('isAppUrl', () => {
  it('accepts only app://grantline/…', () => {
    expect(isAppUrl(APP_INDEX_URL)).toBe(true);
    expect(isAppUrl('app://grantline/assets/x.js?v=1#top')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://grantline.evil/index.html',
      'https://grantline/index.html',
      'file:///etc/passwd',
      'http://127.0.0.1:5173/',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('externalHttpsUrl', () => {
  it('lets through plain https links only', () => {
    expect(externalHttpsUrl('https://grantline.dev/docs?a=1')?.href).toBe(
      'https://grantline.dev/docs?a=1',
    );
    for (const url of [
      'http://grantline.dev',
      'file:///C:/Windows/System32/calc.exe',
      'smb://server/share',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'https://user:pass@bank.example@evil.example/',
      'https://bank.example@evil.example/',
      '//evil.example',
      'not a url',
    ]) {
      expect(externalHttpsUrl(url), url).toBeUndefined();
    }
  });
});

describe('resolveAppAssetPath', () => {
  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAppAssetPath(rendererDir, 'app://grantline/')).toBe(
      join(rendererDir, 'index.html'),
    );
    expect(resolveAppAssetPath(rendererDir, APP_INDEX_URL)).toBe(join(rendererDir, 'index.html'));
    expect(resolveAppAssetPath(rendererDir, 'app://grantline/assets/index-1a2b.js?x=1')).toBe(
      join(rendererDir, 'assets', 'index-1a2b.js'),
    );
    expect(resolveAppAssetPath(rendererDir, 'app://grantline/a%20b.css')).toBe(
      join(rendererDir, 'a b.css'),
    );
  });

  it('refuses anything that would leave the folder or is not ours', () => {
    for (const url of [
      'app://grantline/assets/..%2f..%2f..%2fpackage.json',
      'app://grantline/..%2f..%2f..%2fetc%2fpasswd',
      'app://grantline/..%5c..%5cpackage.json',
      'app://grantline/index.html%00.png',
      'app://grantline/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      expect(resolveAppAssetPath(rendererDir, url), url).toBeUndefined();
    }
  });

  it('never serves source maps (they hold the whole source)', () => {
    for (const url of [
      'app://grantline/assets/index-1a2b.js.map',
      'app://grantline/assets/index-1a2b.js.MAP',
      'app://grantline/assets/index-1a2b.js%2Emap',
    ]) {
      expect(resolveAppAssetPath(rendererDir, url), url).toBeUndefined();
    }
  });

  it('keeps literal dot segments inside the folder (the URL parser resolves them first)', () => {
    for (const url of ['app://grantline/../package.json', 'app://grantline/%2e%2e/package.json']) {
      expect(resolveAppAssetPath(rendererDir, url), url).toBe(join(rendererDir, 'package.json'));
    }
  });
});

describe('content types and headers', () => {
  it('serves scripts as JavaScript and unknown files as opaque bytes', () => {
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/a.exe')).toBe('application/octet-stream');
    expect(appResponseHeaders('/x/a.js')).toMatchObject({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  it('the CSP header says at least what the meta tag in renderer/index.html says', () => {
    const html = readFileSync(join(root, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const directives = (policy: string): string[] =>
      policy
        .split(';')
        .map((d) => d.trim().replace(/\s+/g, ' '))
        .filter(Boolean);
    const header = directives(CONTENT_SECURITY_POLICY);
    for (const directive of directives(meta ?? '')) expect(header).toContain(directive);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });
});
