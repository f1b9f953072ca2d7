import type { KeyProtector } from '../core/secrets/key-protector.js';
import { chooseBrowserModeProtector } from './keyring-protector.js';

/**
 * How browser mode and the CLI protect the secrets' data key in this data dir: the OS keyring
 * where one answers, else a 0600 key file (reported as not OS-protected, with a warning).
 */
export async function browserModeProtector(dataDir: string): Promise<KeyProtector> {
  return chooseBrowserModeProtector(dataDir);
}
