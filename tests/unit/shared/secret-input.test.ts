import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.js';
import {
  decodeBasicHeader,
  inspectPastedSecret,
  type SecretInputWarning,
} from '#shared/secret-input.js';

const codes = (warnings: SecretInputWarning[]) => warnings.map((w) => w.code);
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function validationError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).category).toBe('validation');
    return error as AppError;
  }
  throw new Error('expected a validation error');
}

describe('inspectPastedSecret', () => {
  it('passes a clean secret through without warnings', () => {
    expect(inspectPastedSecret('s3cr3t-V4lue_x')).toEqual({
      value: 's3cr3t-V4lue_x',
      warnings: [],
    });
  });

  it('trims and flags the trailing newline that `echo` adds', () => {
    const result = inspectPastedSecret('s3cret\n');
    expect(result.value).toBe('s3cret');
    expect(codes(result.warnings)).toEqual(['trailing-newline']);
    expect(result.warnings[0]!.message).toMatch(/echo -n/);
  });

  it('trims and flags leading whitespace and trailing spaces', () => {
    const result = inspectPastedSecret(' \t s3cret  ');
    expect(result.value).toBe('s3cret');
    expect(codes(result.warnings)).toEqual(['leading-whitespace', 'trailing-whitespace']);
  });

  it('flags, without changing, what cannot be trimmed safely', () => {
    expect(codes(inspectPastedSecret('abc def').warnings)).toEqual(['inner-whitespace']);
    expect(inspectPastedSecret('abc\u200bdef')).toEqual({
      value: 'abc\u200bdef',
      warnings: [expect.objectContaining({ code: 'invisible-characters' })],
    });
    expect(codes(inspectPastedSecret('"abc"').warnings)).toEqual(['wrapped-in-quotes']);
    expect(codes(inspectPastedSecret('Basic aWQ6c2VjcmV0').warnings)).toContain(
      'looks-like-basic-header',
    );
    expect(codes(inspectPastedSecret(' \n ').warnings)).toEqual(['empty']);
  });

  it('never quotes the secret in a warning', () => {
    const secret = 'Topsecret99';
    for (const raw of [` ${secret}\n`, `"${secret}"`, `${secret} x\u200b`]) {
      for (const warning of inspectPastedSecret(raw).warnings) {
        expect(warning.message).not.toContain(secret);
      }
    }
  });
});

describe('decodeBasicHeader', () => {
  it('decodes the AppViewX sample and drops the trailing newline from the secret', () => {
    const result = decodeBasicHeader(
      'Basic NTIxYzNhZDItZWE0ZS00NDdiLWE1MWItOTYyMWJiN2VhMTI2OjU1QVUjTk84JSpaaGd2TmZhWVVtdHZYMGRrRWhvZGJpCg==',
    );
    expect(result.clientId).toBe('521c3ad2-ea4e-447b-a51b-9621bb7ea126');
    expect(result.clientSecret).toBe('55AU#NO8%*ZhgvNfaYUmtvX0dkEhodbi');
    expect(codes(result.warnings)).toEqual(['decoded-trailing-newline', 'not-form-encoded']);
    // '%*Z' is not a percent escape: the secret is raw, not form-encoded.
    expect(result.formDecoded).toBeUndefined();
  });

  it('flags the `echo "id:secret" | base64` trap on a bare base64 value', () => {
    const result = decodeBasicHeader('Y2xpZW50SUQ6c2VjcmV0Cg==');
    expect(result).toMatchObject({ clientId: 'clientID', clientSecret: 'secret' });
    expect(codes(result.warnings)).toEqual(['decoded-trailing-newline']);
  });

  it('accepts a whole Authorization header, quoted, with any scheme case', () => {
    for (const raw of [
      `Authorization: Basic ${b64('id:pw')}`,
      `'Authorization: basic ${b64('id:pw')}'`,
      `  BASIC ${b64('id:pw')}\n`,
      b64('id:pw').replace(/=+$/, ''),
    ]) {
      expect(decodeBasicHeader(raw)).toEqual({ clientId: 'id', clientSecret: 'pw', warnings: [] });
    }
  });

  it('keeps colons after the first one in the secret and decodes UTF-8', () => {
    const result = decodeBasicHeader(b64('ünï-client:pa:ss:wörd'));
    expect(result.clientId).toBe('ünï-client');
    expect(result.clientSecret).toBe('pa:ss:wörd');
    expect(codes(result.warnings)).toEqual(['not-form-encoded']);
  });

  it('reads base64 wrapped over several lines and the URL-safe alphabet', () => {
    const long = `client-${'x'.repeat(60)}:secret-${'y'.repeat(60)}`;
    const wrapped = b64(long).replace(/(.{76})/g, '$1\n');
    const result = decodeBasicHeader(`Basic ${wrapped}`);
    expect(result.clientSecret).toBe(`secret-${'y'.repeat(60)}`);
    expect(codes(result.warnings)).toEqual(['base64-line-breaks']);

    const urlSafe = Buffer.from('id:>>>???', 'utf8').toString('base64url');
    expect(urlSafe).toMatch(/[-_]/);
    const fromUrlSafe = decodeBasicHeader(urlSafe);
    expect(fromUrlSafe.clientSecret).toBe('>>>???');
    expect(codes(fromUrlSafe.warnings)).toContain('base64url-alphabet');
  });

  it('reports a form-encoded pair and gives the decoded form', () => {
    const result = decodeBasicHeader(`Basic ${b64('my%20client:p%40ss%2Bw+rd')}`);
    expect(result.clientId).toBe('my%20client');
    expect(result.clientSecret).toBe('p%40ss%2Bw+rd');
    expect(result.formDecoded).toEqual({ clientId: 'my client', clientSecret: 'p@ss+w rd' });
    expect(codes(result.warnings)).toEqual(['form-encoded']);
  });

  it('flags whitespace and empty parts inside the decoded value', () => {
    const result = decodeBasicHeader(b64(' id :'));
    expect(result).toMatchObject({ clientId: 'id', clientSecret: '' });
    expect(codes(result.warnings)).toEqual(['decoded-whitespace', 'empty-client-secret']);
  });

  it('rejects what is not a Basic credential, without echoing it', () => {
    expect(validationError(() => decodeBasicHeader('Bearer abc.def.ghi')).message).toMatch(
      /"Bearer"/,
    );
    validationError(() => decodeBasicHeader('Basic not*base64!'));
    validationError(() => decodeBasicHeader('Basic abcde'));
    validationError(() => decodeBasicHeader(''));
    const noColon = validationError(() => decodeBasicHeader(b64('justasecretvalue')));
    expect(`${noColon.message} ${noColon.hint}`).not.toContain('justasecretvalue');
  });
});
