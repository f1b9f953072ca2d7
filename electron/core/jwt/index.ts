// Signature verification and the `grantline decode` command (plain Node; decoding itself lives
// in shared/jwt so the renderer can use it too).
export {
  createJwksClient,
  discoveryUrlFor,
  type JwksClient,
  type JwksClientOptions,
  type JwksLocation,
  type JwksResult,
} from './jwks-client.js';
export {
  hmacSecretKey,
  keyTypeForAlg,
  keyUsableFor,
  parseKeyMaterial,
  type KeyMaterialResult,
  type SecretEncoding,
  type VerificationKey,
} from './key-material.js';
export { verifyTokenSignature, type KeySource, type VerifyDeps } from './verify-signature.js';
export {
  notChecked,
  signatureReport,
  type SignatureOutcome,
  type SignatureReport,
} from './signature-report.js';
export {
  DECODE_HELP,
  DECODE_OPTIONS,
  runDecodeCommand,
  type DecodeCommandIo,
} from './decode-command.js';
export {
  toJsonOutput,
  toTextOutput,
  type CliStatus,
  type DecodeJsonFailure,
  type DecodeJsonSuccess,
} from './decode-output.js';
