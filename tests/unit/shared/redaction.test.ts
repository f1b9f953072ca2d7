import { describe, expect, it } from 'vitest';
import {
  REDACTED,
  isSensitiveName,
  redactJsonValue,
  redactSecrets,
  secretForms,
} from '#shared/redaction.js';
import { leakForms } from '../../fixtures/canary/leak-forms.js';

describe('the one redaction module', () => {
  const secret = { value: 'Can"ary\\<&>\' sécret+/%', clientId: 'svc id' };

  it('knows every form the canary search looks for', () => {
    const forms = secretForms(secret);
    for (const form of leakForms(secret.value, secret.clientId)) {
      expect(redactSecrets(`before ${form} after`, [secret]), form).toBe(
        `before ${REDACTED} after`,
      );
    }
    expect(forms.length).toBeGreaterThan(10);
  });

  it('redacts JSON values before they are serialised again (no escaped copy survives)', () => {
    const shown = JSON.stringify(redactJsonValue({ note: `got ${secret.value}` }, [secret]));
    expect(shown).toBe(JSON.stringify({ note: `got ${REDACTED}` }));
  });

  it('hides a short secret as a whole value, and leaves it alone inside other words', () => {
    const short = [{ value: 'ab1' }];
    expect(redactSecrets('ab1', short)).toBe(REDACTED);
    expect(redactSecrets(Buffer.from('ab1').toString('base64'), short)).toBe(REDACTED);
    expect(redactSecrets('tab1e', short)).toBe('tab1e');
    expect(redactJsonValue({ secret_echo: 'ab1', label: 'tab1e' }, short)).toEqual({
      secret_echo: REDACTED,
      label: 'tab1e',
    });
  });

  it('has one list of sensitive names, that spares the ones that only describe a credential', () => {
    for (const name of ['Authorization', 'client_secret', 'access_token', 'X-API-Key', 'code']) {
      expect(isSensitiveName(name), name).toBe(true);
    }
    for (const name of ['token_type', 'expires_in', 'token_endpoint', 'grant_type', 'scope']) {
      expect(isSensitiveName(name), name).toBe(false);
    }
  });
});
