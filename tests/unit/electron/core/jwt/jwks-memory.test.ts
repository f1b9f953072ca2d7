import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createJwksMemory } from '../../../../../electron/core/jwt/jwks-memory.js';
import { openJsonStore } from '../../../../../electron/core/storage/conf-json-store.js';

// The JWKS URL remembered per issuer lives in the data dir and survives a restart.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'grantline-jwks-memory-'));
  dirs.push(dir);
  return dir;
}

describe('JWKS memory', () => {
  it('keeps a URL per issuer across a restart, and forgets it on request', () => {
    const dir = dataDir();
    const first = createJwksMemory(dir, openJsonStore);
    expect(first.get('https://idp.example.com')).toBeUndefined();
    first.remember('https://idp.example.com', 'https://idp.example.com/certs');
    first.remember('urn:other', 'https://keys.example.com/jwks.json');
    const again = createJwksMemory(dir, openJsonStore);
    expect(again.get('https://idp.example.com')).toBe('https://idp.example.com/certs');
    expect(again.get('urn:other')).toBe('https://keys.example.com/jwks.json');
    again.forget('urn:other');
    expect(createJwksMemory(dir, openJsonStore).get('urn:other')).toBeUndefined();
    // Only URLs, never keys.
    const file = readFileSync(join(dir, 'inspector-keys.json'), 'utf8');
    expect(file).toContain('https://idp.example.com/certs');
    expect(file).not.toMatch(/"kty"/);
  });

  it('keeps the most recent 200 issuers', () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const memory = createJwksMemory(dataDir(), openJsonStore, () => new Date((clock += 1000)));
    for (let i = 0; i < 205; i++) memory.remember(`urn:issuer:${i}`, `https://k.example/${i}`);
    expect(memory.get('urn:issuer:0')).toBeUndefined();
    expect(memory.get('urn:issuer:4')).toBeUndefined();
    expect(memory.get('urn:issuer:5')).toBe('https://k.example/5');
    expect(memory.get('urn:issuer:204')).toBe('https://k.example/204');
  });
});
