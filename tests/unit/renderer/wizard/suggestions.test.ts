import { describe, expect, it } from 'vitest';
import type { ConnectionTestReportView } from '#shared/ipc/contract.js';
import { getPreset, type Preset } from '#shared/presets/index.js';
import { initialDraft } from '../../../../renderer/src/views/wizard/model/draft.js';
import {
  applySuggestion,
  suggestionsFor,
  suggestionsForError,
} from '../../../../renderer/src/views/wizard/model/suggestions.js';

const draft = initialDraft(getPreset('generic-oauth2') as Preset);

function report(over: Partial<ConnectionTestReportView>): ConnectionTestReportView {
  return {
    ok: false,
    configuredMethod: 'client_secret_basic',
    workingMethod: null,
    attempts: [],
    message: '',
    token: null,
    error: null,
    peerCertificate: null,
    insecureTls: false,
    exchange: null,
    ...over,
  };
}

const cert = {
  subject: 'CN=idp.am.wso2.com',
  issuer: 'CN=idp.am.wso2.com',
  fingerprint256:
    '36:8D:ED:1D:ED:B5:55:30:3F:67:6F:31:7A:BA:9F:54:C4:0E:25:7B:B1:70:08:0B:31:E9:35:3B:89:AB:89:D6',
  validFrom: 'Jan 1 2024',
  validTo: 'Dec 31 2123',
  serialNumber: '01',
  selfSigned: true,
};

describe('suggested fixes for a failed connection test', () => {
  it('offers the method that worked, in the words of the issue', () => {
    const [s, ...rest] = suggestionsFor(
      report({
        workingMethod: 'client_secret_post',
        error: { category: 'invalid_client', message: 'x' },
      }),
      draft,
    );
    expect(rest).toEqual([]);
    expect(s?.title).toBe('The server rejected HTTP Basic; Form body works — switch?');
    expect(s?.action).toBe('Switch to Form body');
    expect(applySuggestion(draft, s!).authMethod).toBe('client_secret_post');
  });

  it('offers to pin a self-signed certificate, by its fingerprint', () => {
    const [s] = suggestionsForError(
      {
        category: 'tls',
        message: 'x',
        details: { certificate: cert, reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
      },
      draft,
    );
    expect(s?.title).toBe(
      `Self-signed certificate with fingerprint ${cert.fingerprint256}: trust this certificate?`,
    );
    expect(applySuggestion(draft, s!).pinnedSha256).toBe(cert.fingerprint256);
  });

  it('does not offer a pin for an expired certificate', () => {
    expect(
      suggestionsForError(
        {
          category: 'tls',
          message: 'x',
          details: { certificate: cert, reason: 'CERT_HAS_EXPIRED' },
        },
        draft,
      ),
    ).toEqual([]);
  });

  it('offers a longer timeout up to the preset maximum, and none at the maximum', () => {
    const [s] = suggestionsForError(
      { category: 'timeout', message: 'x' },
      { ...draft, timeoutSec: '1' },
    );
    expect(s).toMatchObject({
      kind: 'raise-timeout',
      seconds: 60,
      action: 'Allow 60 s and test again',
    });
    expect(applySuggestion(draft, s!).timeoutSec).toBe('60');
    expect(
      suggestionsForError({ category: 'timeout', message: 'x' }, { ...draft, timeoutSec: '900' }),
    ).toEqual([]);
  });

  it('offers a token field when the answer has one under another name', () => {
    const [s] = suggestionsForError(
      {
        category: 'malformed_response',
        message: 'x',
        details: { fields: ['response', 'message'] },
      },
      draft,
    );
    expect(s).toMatchObject({ kind: 'token-pointer', pointer: '/response' });
  });

  it('points at the step to fix for credentials and connection problems', () => {
    expect(
      suggestionsForError({ category: 'invalid_client', message: 'x' }, draft)[0],
    ).toMatchObject({
      kind: 'go-to',
      step: 'credentials',
    });
    expect(suggestionsForError({ category: 'network', message: 'x' }, draft)[0]).toMatchObject({
      kind: 'go-to',
      step: 'details',
    });
    expect(suggestionsFor(report({ ok: true }), draft)).toEqual([]);
  });
});
