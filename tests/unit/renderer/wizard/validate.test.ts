import { describe, expect, it } from 'vitest';
import { connectionInputSchema } from '#shared/connection.js';
import { getPreset, type Preset } from '#shared/presets/index.js';
import {
  initialDraft,
  toConnectionInput,
  type WizardDraft,
} from '../../../../renderer/src/views/wizard/model/draft.js';
import { importCurl } from '../../../../renderer/src/views/wizard/model/curl-import.js';
import { parseHeaders } from '../../../../renderer/src/views/wizard/model/key-values.js';
import {
  credentialsErrors,
  detailsErrors,
} from '../../../../renderer/src/views/wizard/model/validate.js';

const MB = 'x'.repeat(1024 * 1024);

/** A generic OAuth 2.0 draft that passes every check; each test breaks one field. */
function valid(over: Partial<WizardDraft> = {}): WizardDraft {
  const draft = initialDraft(getPreset('generic-oauth2') as Preset);
  return {
    ...draft,
    fields: { ...draft.fields, tokenUrl: 'https://idp.example.com/oauth2/token' },
    clientId: 'sa-test',
    clientSecret: 's3cret',
    ...over,
  };
}

describe('wizard validation mirrors the contract, field by field', () => {
  it('passes a valid draft, including non-ASCII where HTTP allows it', () => {
    const draft = valid({
      name: 'Équipe 東京',
      clientId: 'clïent',
      scope: 'read:größe',
      extraParams: 'resource=café 東京',
      extraHeaders: 'X-Tenant: Müller',
    });
    expect(detailsErrors(draft)).toEqual({});
    expect(credentialsErrors(draft)).toEqual({});
    expect(connectionInputSchema.safeParse(toConnectionInput(draft)).success).toBe(true);
  });

  it('refuses a header value beyond Latin-1 at the Extra headers field', () => {
    expect(detailsErrors(valid({ extraHeaders: 'X-City: 東京' })).extraHeaders).toMatch(
      /^Line 1: The value of X-City contains “東” \(U\+6771\)\. .*Latin-1/,
    );
  });

  it('reads a lone CR as a line break, so it can never sit inside a header value', () => {
    expect(parseHeaders('X-A: b\rX-B: c')).toEqual({
      values: { 'X-A': 'b', 'X-B': 'c' },
      error: undefined,
    });
    expect(detailsErrors(valid({ extraHeaders: 'X-A: b\0c' })).extraHeaders).toMatch(/U\+0000/);
  });

  it('refuses a 1 MB paste into short fields, each at its own field', () => {
    const errors = detailsErrors(
      valid({ name: MB, scope: MB, audience: MB, grantType: MB, tokenPointer: `/${MB}` }),
    );
    for (const key of ['name', 'scope', 'audience', 'grantType', 'tokenPointer']) {
      expect(errors[key], key).toMatch(/1\.0 MB long/);
    }
    expect(credentialsErrors(valid({ clientId: MB })).clientId).toMatch(/1\.0 MB long/);
    expect(credentialsErrors(valid({ clientSecret: MB })).clientSecret).toMatch(
      /The client secret is 1\.0 MB long; at most 64\.0 KB is stored/,
    );
  });

  it('says what is wrong with a malformed or non-ASCII URL field', () => {
    const field = (tokenUrl: string) =>
      detailsErrors(valid({ fields: { tokenUrl } }))['field:tokenUrl'];
    expect(field('ftp://idp.example.com/token')).toMatch(/only http:\/\/ and https:\/\//);
    expect(field('idp.example.com/token')).toMatch(/must start with https:\/\//);
    expect(field('https://bücher.example/token')).toMatch(/xn--bcher-kva\.example/);
    expect(
      detailsErrors(valid({ tokenUrlOverride: 'https://a.example/t t' })).tokenUrlOverride,
    ).toMatch(/contains a space/);
  });

  it('catches what the browser would let through a one-line input set from code', () => {
    // An imported or restored value can hold characters an <input> would never accept typed.
    expect(detailsErrors(valid({ scope: 'a\r\nb' })).scope).toMatch(/one line/);
    expect(credentialsErrors(valid({ clientId: 'a\nb' })).clientId).toMatch(/one line/);
  });
});

describe('curl import into the wizard', () => {
  it('does not split a CRLF header into two; it lists it as not imported', () => {
    const result = importCurl(
      "curl -u id:s -d grant_type=client_credentials -H $'X-A: b\\r\\nX-Evil: c' https://idp.example.com/oauth2/token",
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.draft.extraHeaders).toBe('');
    expect(result.value.notUnderstood.join('\n')).toMatch(/X-A.*line break/);
  });

  it('says what it could not understand in an invalid command', () => {
    const result = importCurl("curl 'https://idp.example.com/token");
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/never closed/) });
  });
});
