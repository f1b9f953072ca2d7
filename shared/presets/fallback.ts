import { secretAuthMethods, type AuthMethod } from '../connection.js';
import type { Preset } from './types.js';

/**
 * The other ways of sending the secret that the connection test may try when the server rejects
 * the client: only those the preset accepts (providers lock accounts after failed attempts, so a
 * secret is never sent in a way the platform does not take), and none for a method without a
 * secret.
 */
export function fallbackAuthMethods(preset: Preset, configured: AuthMethod): AuthMethod[] {
  const secretMethods: readonly AuthMethod[] = secretAuthMethods;
  if (!secretMethods.includes(configured)) return [];
  return preset.authMethods.filter((m) => m !== configured && secretMethods.includes(m));
}
