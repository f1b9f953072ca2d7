import { base64url, type JWK } from 'jose';

/** Builds a compact token from literal header and payload objects (no signing). */
export function compactToken(
  header: unknown,
  payload: unknown,
  signature = 'c2lnbmF0dXJl',
): string {
  const encode = (value: unknown): string =>
    base64url.encode(typeof value === 'string' ? value : JSON.stringify(value));
  return `${encode(header)}.${encode(payload)}.${signature}`;
}

/** base64url of raw bytes, for building corrupt parts. */
export function b64u(bytes: number[] | Uint8Array): string {
  return base64url.encode(Uint8Array.from(bytes));
}

// RFC 7519 §3.1 / RFC 7515 A.1: HS256 over {"iss":"joe","exp":1300819380,"http://example.com/is_root":true}
export const RFC7519_HS256 =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9' +
  '.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ' +
  '.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

/** RFC 7515 A.1 HMAC key (base64url), as a JWK. */
export const RFC7515_HMAC_JWK: JWK = {
  kty: 'oct',
  k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow',
};

const RFC_PAYLOAD =
  'eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ';

// RFC 7515 A.2: RS256
export const RFC7515_RS256 =
  `eyJhbGciOiJSUzI1NiJ9.${RFC_PAYLOAD}.` +
  'cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7' +
  'AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4' +
  'BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K' +
  '0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqv' +
  'hJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrB' +
  'p0igcN_IoypGlUPQGe77Rw';

/** RFC 7515 A.2 RSA public key. */
export const RFC7515_RSA_JWK: JWK = {
  kty: 'RSA',
  n:
    'ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPM' +
    'EzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-' +
    'bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3' +
    'qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9g' +
    'b54h4FRWyuXpoQ',
  e: 'AQAB',
};

// RFC 7515 A.3: ES256
export const RFC7515_ES256 =
  `eyJhbGciOiJFUzI1NiJ9.${RFC_PAYLOAD}.` +
  'DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q';

/** RFC 7515 A.3 EC P-256 public key. */
export const RFC7515_EC_JWK: JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
  y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
};

// RFC 7519 §6.1: unsecured JWT
export const RFC7519_UNSECURED = `eyJhbGciOiJub25lIn0.${RFC_PAYLOAD}.`;

// RFC 7519 A.1: encrypted JWT (RSA1_5 + A128CBC-HS256)
export const RFC7519_JWE =
  'eyJhbGciOiJSU0ExXzUiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.' +
  'QR1Owv2ug2WyPBnbQrRARTeEk9kDO2w8qDcjiHnSJflSdv1iNqhWXaKH4MqAkQtM' +
  'oNfABIPJaZm0HaA415sv3aeuBWnD8J-Ui7Ah6cWafs3ZwwFKDFUUsWHSK-IPKxLG' +
  'TkND09XyjORj_CHAgOPJ-Sd8ONQRnJvWn_hXV1BNMHzUjPyYwEsRhDhzjAD26ima' +
  'sOTsgruobpYGoQcXUwFDn7moXPRfDE8-NoQX7N7ZYMmpUDkR-Cx9obNGwJQ3nM52' +
  'YCitxoQVPzjbl7WBuB7AohdBoZOdZ24WlN1lVIeh8v1K4krB8xgKvRU8kgFrEn_a' +
  '1rZgN5TiysnmzTROF869lQ.' +
  'AxY8DCtDaGlsbGljb3RoZQ.' +
  'MKOle7UQrG6nSxTLX6Mqwt0orbHvAKeWnDYvpIAeZ72deHxz3roJDXQyhxx0wKaM' +
  'HDjUEOKIwrtkHthpqEanSBNYHZgmNOV7sln1Eu9g3J8.' +
  'fiK51VwhsxJ-siBMR-YFiA';

// Seed 002 (WSO2 APK non-production IdP): the complete sample token response.
export const WSO2_TOKEN =
  'eyJhbGciOiJSUzI1NiIsICJ0eXAiOiJKV1QiLCAia2lkIjoiZ2F0ZXdheV9jZXJ0aWZpY2F0ZV9hbGlhcyJ9.eyJpc3MiOiJodHRwczovL2lkcC5hbS53c28yLmNvbS90b2tlbiIsICJzdWIiOiI0NWYxYzVjOC1hOTJlLTExZWQtYWZhMS0wMjQyYWMxMjAwMDIiLCAiZXhwIjoxNjg4MTMxNDQ0LCAibmJmIjoxNjg4MTI3ODQ0LCAiaWF0IjoxNjg4MTI3ODQ0LCAianRpIjoiMDFlZTE3NDEtMDA0Ni0xOGE2LWFhMjEtYmQwYTk4ZjYzNzkwIiwgImNsaWVudElkIjoiNDVmMWM1YzgtYTkyZS0xMWVkLWFmYTEtMDI0MmFjMTIwMDAyIiwgInNjb3BlIjoiZGVmYXVsdCJ9.RfKQq2fUZKZFAyjimvsPD3cOzaVWazabmq7b1iKYacqIdNjkvO9CQmu7qdtrVNDmdZ_gHhWLXiGhN4UTSCXv_n1ArDnxTLFBroRS8dxuFBZoD9Mpj10vYFSDDhUfFqjgMqtpr30TpDMfee1wkqB6K757ZSjgCDa0hAbv555GkLdZtRsSgR3xWcxPBsIozqAMFDCWoUCbgTQuA5OiEhhpVco2zv4XLq2sz--VRoBieO12C69KnGRmoLuPtvOayInvrnV96Tbt9fR0fLS2l1nvAdFzVou0SIf9rMZLnURLVQQYE64GR14m-cFRYdUI9vTsFHZBl5w-uCLdzMMofzZaLQ';

export const WSO2_RESPONSE = `{"access_token":"${WSO2_TOKEN}", "token_type":"Bearer", "expires_in":3600, "scope":"default"}`;

// Seed 004 (AppViewX): the sample token exactly as published, with its two stray spaces.
export const APPVIEWX_TOKEN_WITH_SPACES =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGF0Zm9ybSIsImF1ZCI6ImF2eCIsImNsaWVudElkIjoiOTcwNzRlNDEtOGFmOS00NTZkLTlhNjQtZjBj NGJiOTA4MDQ4IiwiaXNzIjoiYXZ4IiwiZXhwIjoxNjUwMzY5MzY3LCJncmFudCB0eXBlIjoiY2xpZW50X2NyZWRlbnRpYWxzIn0.HZnkuUEjXIeqJWqpqiNWFHqIDI7 GYf4cWx6VwbjGD_0';

export const APPVIEWX_RESPONSE = `{ 
"response": "${APPVIEWX_TOKEN_WITH_SPACES}", 
"message": null, 
"appStatusCode": null, 
"tags":{}, 
"headers": null 
}`;

/** A fixed instant for time-dependent assertions: 2024-01-01T00:00:00Z. */
export const NOW = Date.UTC(2024, 0, 1);
/** NOW in seconds. */
export const NOW_S = NOW / 1000;
