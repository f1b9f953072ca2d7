import { appviewxPreset } from './appviewx.js';
import { ampliencePreset } from './amplience.js';
import { axwayPlatformPreset, axwaySupportPreset } from './axway.js';
import { genericOauth2Preset, genericOidcPreset, keycloakPreset } from './generic.js';
import { googleServiceAccountPreset } from './google.js';
import type { Preset } from './types.js';
import { wso2ApkPreset } from './wso2-apk.js';

export type * from './types.js';
export {
  resolveTokenUrl,
  resolveConnectionSettings,
  collectFieldValues,
  type TokenUrlResolution,
  type ResolvedSettings,
} from './resolve.js';
export { standardErrorHints, statusErrorHints } from './standard-errors.js';
export { wso2ApkTestClient } from './wso2-apk.js';
export { googleCommonScopes } from './google.js';
export { fallbackAuthMethods } from './fallback.js';

/** Every preset, in the order the wizard lists them (platforms first, generic last). */
export const presets: readonly Preset[] = [
  axwayPlatformPreset,
  axwaySupportPreset,
  wso2ApkPreset,
  ampliencePreset,
  appviewxPreset,
  googleServiceAccountPreset,
  keycloakPreset,
  genericOidcPreset,
  genericOauth2Preset,
];

/** The preset with this id, or undefined. */
export function getPreset(id: string): Preset | undefined {
  return presets.find((p) => p.id === id);
}
