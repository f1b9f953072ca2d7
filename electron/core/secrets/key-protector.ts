import { randomBytes } from 'node:crypto';
import { AppError } from '#shared/errors.js';
import type { SecretProtection } from '#shared/ipc/contract.js';

/** Length of the AES-256 data key that encrypts every secret in a data dir. */
export const DATA_KEY_BYTES = 32;

/** File names inside a data dir, shared by the protectors and the store. */
export const KEY_FILE_NAME = 'secret.key';
export const SAFE_STORAGE_KEY_FILE_NAME = 'secret.key.enc';
export const SECRETS_FILE_NAME = 'secrets.json';

/**
 * Keeps the data key of one data dir safe: in the OS keyring, wrapped by Electron safeStorage, or
 * (weakest) in a private key file. The secret store asks it for the key and never stores it itself.
 */
export interface KeyProtector {
  /** What protects the key, shown on the settings screen (with a warning when weak). */
  readonly info: SecretProtection;
  /**
   * The 32-byte data key, created and protected on first use. Throws AppError('storage') when the
   * key exists but cannot be read, rather than silently making a new one.
   */
  loadOrCreateKey(): Promise<Buffer>;
}

/** A fresh random data key. */
export function generateDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

/** Check that bytes read from a protector are a usable data key. */
export function assertDataKey(key: Uint8Array, where: string): Buffer {
  if (key.length !== DATA_KEY_BYTES) {
    throw new AppError('storage', `The data key in ${where} is damaged (wrong length).`, {
      hint:
        'Restore it from a backup if you have one. Otherwise move it away: Grantline will make a ' +
        'new key, and the secrets stored with the old one will have to be entered again.',
    });
  }
  return Buffer.from(key);
}

/** Decode a base64 data key as kept by the keyring and safeStorage protectors. */
export function decodeDataKey(encoded: string, where: string): Buffer {
  const trimmed = encoded.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) {
    throw new AppError('storage', `The data key in ${where} is damaged (not base64).`);
  }
  return assertDataKey(Buffer.from(trimmed, 'base64'), where);
}
