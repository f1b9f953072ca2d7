// The small helpers the wizard uses with an imported command: host/path of a URL (for matching
// presets) and placeholder detection.
import { describe, expect, it } from 'vitest';
import { findPlaceholders, hostOf, pathOf } from '#shared/curl/index.js';

describe('hostOf and pathOf', () => {
  it.each([
    [
      'https://Login.Axway.com/auth/realms/Broker/protocol/openid-connect/token',
      'login.axway.com',
      '/auth/realms/Broker/protocol/openid-connect/token',
    ],
    ['https://auth.amplience.net/oauth/token', 'auth.amplience.net', '/oauth/token'],
    ['https://idp.am.wso2.com:9095/oauth2/token', 'idp.am.wso2.com', '/oauth2/token'],
    ['https://user:pw@host.example:8443', 'host.example', '/'],
    ['http://[::1]:8080/token?x=1#frag', '[::1]', '/token'],
    [
      'https://<IP/HostName/TenantName>:<GWPORT>/avxapi/acctmgmt-get-service-token?gwsource=external',
      '<IP/HostName/TenantName>',
      '/avxapi/acctmgmt-get-service-token',
    ],
    ['https://{tenant}.example.com/token', '{tenant}.example.com', '/token'],
  ])('%s', (url, host, path) => {
    expect(hostOf(url)).toBe(host);
    expect(pathOf(url)).toBe(path);
  });

  it('returns undefined for text that is not a URL', () => {
    expect(hostOf('login.axway.com/token')).toBeUndefined();
    expect(pathOf('not a url')).toBeUndefined();
    expect(hostOf('https:///path')).toBeUndefined();
  });
});

describe('findPlaceholders', () => {
  it.each([
    ['https://<host>:9095/oauth2/token', ['<host>']],
    ['Basic <Base64Encoded(clientId:clientSecret)>', ['<Base64Encoded(clientId:clientSecret)>']],
    ['client_id={yourclientid}&client_secret={yoursecret}', ['{yourclientid}', '{yoursecret}']],
    ['Bearer {{access_token}}', ['{{access_token}}']],
    ['Bearer ${token}', ['${token}']],
    ['$CLIENT_ID:$env:SECRET', ['$CLIENT_ID', '$env:SECRET']],
    ['%CLIENT_ID%', ['%CLIENT_ID%']],
  ])('finds %s', (text, found) => {
    expect(findPlaceholders(text)).toEqual(found);
  });

  it.each([
    'f5409fb3-b3ad-4257-a868-e3f3684f12f5',
    '55AU#NO8%*ZhgvNfaYUmtvX0dkEhodbi',
    'a%2Fb%FF%20c',
    "$filter=name eq 'x'",
    '{"audience":"x"}',
    'idp.am.wso2.com',
  ])('finds nothing in %s', (text) => {
    expect(findPlaceholders(text)).toEqual([]);
  });
});
