import { describe, expect, it } from 'vitest';
import {
  certificateThumbprint,
  checkBinding,
} from '../../../../../electron/core/jwt/binding-check.js';
import { caSignedServer, clientCert } from '../../../../fixtures/certs/index.js';

const x5t = certificateThumbprint(clientCert.cert)!;

describe('checkBinding', () => {
  it('matches cnf.jkt against the connection’s DPoP key thumbprint', () => {
    const report = checkBinding(
      { cnf: { jkt: 'abc' } },
      { dpopJkt: 'abc', clientCertPem: undefined },
    );
    expect(report.state).toBe('bound');
    expect(report.checks).toEqual([
      expect.objectContaining({ claim: 'jkt', status: 'match', connectionValue: 'abc' }),
    ]);
  });

  it('says when the token is bound to another DPoP key, or the connection has none', () => {
    expect(
      checkBinding({ cnf: { jkt: 'abc' } }, { dpopJkt: 'xyz', clientCertPem: undefined }).checks[0]
        ?.status,
    ).toBe('mismatch');
    const none = checkBinding(
      { cnf: { jkt: 'abc' } },
      { dpopJkt: undefined, clientCertPem: undefined },
    );
    expect(none.checks[0]?.status).toBe('no_key');
    expect(none.message).toMatch(/does not match/);
  });

  it('matches cnf.x5t#S256 against the connection’s certificate, and not another one', () => {
    const token = { cnf: { 'x5t#S256': x5t } };
    expect(
      checkBinding(token, { dpopJkt: undefined, clientCertPem: clientCert.cert }).checks[0]?.status,
    ).toBe('match');
    const other = checkBinding(token, { dpopJkt: undefined, clientCertPem: caSignedServer.cert });
    expect(other.checks[0]).toMatchObject({ status: 'mismatch', tokenValue: x5t });
    expect(other.checks[0]?.connectionValue).not.toBe(x5t);
  });

  it('tells a bearer JWT and an opaque token apart', () => {
    expect(checkBinding({ sub: 'x' }, { dpopJkt: 'a', clientCertPem: undefined }).state).toBe(
      'unbound',
    );
    expect(checkBinding(null, { dpopJkt: 'a', clientCertPem: undefined }).state).toBe('unknown');
  });
});
