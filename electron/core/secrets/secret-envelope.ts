import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

/** One encrypted secret as stored in secrets.json. `v` versions the record layout. */
export const secretRecordSchema = z.object({
  v: z.literal(1),
  alg: z.literal('aes-256-gcm'),
  /** Which data key sealed it (a keyed hash, reveals nothing about the key). */
  kid: z.string().regex(/^[0-9a-f]{16}$/),
  iv: base64,
  tag: base64,
  data: base64,
  updatedAt: z.string(),
});
export type SecretRecord = z.infer<typeof secretRecordSchema>;

/** Why a record could not be opened; the store turns this into a user-facing AppError. */
export type OpenFailure = 'malformed' | 'other-key' | 'integrity';

/** A short identifier of a data key, so a wrong key can be told apart from a tampered record. */
export function dataKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('grantline/data-key-id/v1').digest('hex').slice(0, 16);
}

/** Encrypt one secret with AES-256-GCM under a fresh random IV; the secret id is the AAD. */
export function sealSecret(key: Buffer, id: string, value: string): SecretRecord {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  // Binding the id means a record copied under another id fails to open.
  cipher.setAAD(Buffer.from(id, 'utf8'));
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return {
    v: 1,
    alg: 'aes-256-gcm',
    kid: dataKeyId(key),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
    updatedAt: new Date().toISOString(),
  };
}

/** Decrypt one stored record, or say why it cannot be opened. */
export function openSecret(
  key: Buffer,
  id: string,
  stored: unknown,
): { ok: true; value: string } | { ok: false; reason: OpenFailure } {
  const parsed = secretRecordSchema.safeParse(stored);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const record = parsed.data;
  if (record.kid !== dataKeyId(key)) return { ok: false, reason: 'other-key' };
  const iv = Buffer.from(record.iv, 'base64');
  const tag = Buffer.from(record.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return { ok: false, reason: 'malformed' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(id, 'utf8'));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([
      decipher.update(Buffer.from(record.data, 'base64')),
      decipher.final(),
    ]);
    return { ok: true, value: plain.toString('utf8') };
  } catch {
    return { ok: false, reason: 'integrity' };
  }
}
