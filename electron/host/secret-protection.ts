import type { SecretProtection } from '../../shared/ipc.js';

/** How browser mode protects the secrets' data key in this data dir. */
export async function browserModeSecretProtection(_dataDir: string): Promise<SecretProtection> {
  return {
    backend: 'key-file',
    label: 'Key file in the data folder',
    secure: false,
    warning: 'pending secret store wiring',
  };
}
