import { catalogMap, type CatalogEntry, type ClaimInfo } from './claim-catalog.js';

const HEADER: CatalogEntry[] = [
  [
    'alg',
    'Algorithm',
    'How the token is signed (JWS) or its key encrypted (JWE); "none" means not signed.',
    'RFC 7515',
  ],
  [
    'typ',
    'Type',
    'Media type of the token, e.g. JWT, or at+jwt for an OAuth access token (RFC 9068).',
    'RFC 7515',
  ],
  [
    'cty',
    'Content type',
    'Type of the payload; "JWT" means a token nested inside this one.',
    'RFC 7515',
  ],
  [
    'kid',
    'Key ID',
    "Which of the issuer's keys signed the token: looked up in its JWKS.",
    'RFC 7515',
  ],
  [
    'jku',
    'JWK Set URL',
    'A URL of keys named by the token itself; a verifier must not trust it blindly.',
    'RFC 7515',
  ],
  [
    'jwk',
    'Embedded key',
    'A public key carried in the token itself; trusting it lets anyone sign.',
    'RFC 7515',
  ],
  ['x5u', 'X.509 URL', 'A URL of the signing certificate named by the token itself.', 'RFC 7515'],
  ['x5c', 'X.509 chain', 'The signing certificate chain carried in the token.', 'RFC 7515'],
  [
    'x5t',
    'Certificate SHA-1 thumbprint',
    'Identifies the signing certificate by its SHA-1 hash.',
    'RFC 7515',
  ],
  [
    'x5t#S256',
    'Certificate SHA-256 thumbprint',
    'Identifies the signing certificate by its SHA-256 hash.',
    'RFC 7515',
  ],
  [
    'crit',
    'Critical',
    'Header parameters a verifier must understand, or else reject the token.',
    'RFC 7515',
  ],
  [
    'b64',
    'Base64url payload',
    'false means the payload is not base64url-encoded (RFC 7797).',
    'RFC 7797',
  ],
  [
    'enc',
    'Content encryption',
    'The algorithm that encrypts the payload of a JWE, e.g. A256GCM.',
    'RFC 7516',
  ],
  ['zip', 'Compression', 'The payload was compressed (DEF) before encryption.', 'RFC 7516'],
  ['epk', 'Ephemeral key', "The sender's one-time public key for ECDH key agreement.", 'RFC 7518'],
  [
    'apu',
    'Agreement PartyUInfo',
    'Producer information mixed into ECDH key agreement.',
    'RFC 7518',
  ],
  [
    'apv',
    'Agreement PartyVInfo',
    'Recipient information mixed into ECDH key agreement.',
    'RFC 7518',
  ],
];

/** Known JOSE header parameters (RFC 7515, 7516, 7518, 7797). */
export const HEADER_CATALOG: ReadonlyMap<string, ClaimInfo> = catalogMap(HEADER);
