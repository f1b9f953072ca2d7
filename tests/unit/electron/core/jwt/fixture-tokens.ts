import type { FixtureClient, OidcFixture } from '../../../../fixtures/oidc/oidc-fixture.js';

/** Gets an access token from the oidc fixture with HTTP Basic (RFC 6749 §2.3.1 encoding). */
export async function fixtureToken(
  fixture: OidcFixture,
  params: Record<string, string> = {},
  client: FixtureClient = fixture.clients.basic,
): Promise<string> {
  const encode = (value: string): string => encodeURIComponent(value).replace(/%20/g, '+');
  const basic = Buffer.from(
    `${encode(client.clientId)}:${encode(client.clientSecret ?? '')}`,
  ).toString('base64');
  const response = await fetch(fixture.tokenUrl, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...params }),
  });
  const body = (await response.json()) as { access_token?: string; error?: string };
  if (body.access_token === undefined)
    throw new Error(`no token: ${body.error ?? response.status}`);
  return body.access_token;
}

/** A fetch that records the URLs it was asked for. */
export function countingFetch(): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const wrapped: typeof fetch = (input, init) => {
    urls.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return fetch(input, init);
  };
  return { fetch: wrapped, urls };
}
