import { z } from 'zod';
import { appCommandIds, type AppCommandId } from '../commands.js';

/** Channels about the app itself. */

export const secretProtectionSchema = z.object({
  /** e.g. `keychain`, `dpapi`, `gnome_libsecret`, `kwallet5`, `os-keyring`, `key-file`, `basic_text`. */
  backend: z.string(),
  /** Human label for the settings screen. */
  label: z.string(),
  /** False when secrets are only as safe as the files in the data dir. */
  secure: z.boolean(),
  warning: z.string().optional(),
});
export type SecretProtection = z.infer<typeof secretProtectionSchema>;

export const appInfoSchema = z.object({
  name: z.literal('Grantline'),
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  platform: z.string(),
  secretProtection: secretProtectionSchema,
  /** Problems found while opening the data files (e.g. a corrupt file moved aside). */
  notices: z.array(z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() })),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/**
 * Where the desktop app's automatic updates stand. `unsupported` in browser mode (and wherever the
 * app was not installed from a release package); `disabled` when the setting is off.
 */
export const updateStatusSchema = z.object({
  state: z.enum(['unsupported', 'disabled', 'idle', 'checking', 'downloading', 'ready', 'error']),
  /** The newer version found (downloading, ready). */
  version: z.string().optional(),
  /** Download progress, 0 to 100 (downloading). */
  percent: z.number().min(0).max(100).optional(),
  /** What went wrong and what happens next (error). */
  message: z.string().optional(),
  /** The "Check for updates automatically" setting. */
  checkAutomatically: z.boolean(),
});
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

export const appChannels = {
  'app:info': { args: z.void(), result: appInfoSchema },
  'app:update-status': { args: z.void(), result: updateStatusSchema },
  /** Quit and install a downloaded update; refused while a request is running unless forced. */
  'app:install-update': {
    args: z.object({ force: z.boolean().optional() }),
    result: z.object({
      outcome: z.enum(['installing', 'requests-running', 'not-ready', 'unsupported']),
      /** How many requests are still running (requests-running). */
      running: z.number().int().min(0).optional(),
    }),
  },
  'app:set-update-check': {
    args: z.object({ enabled: z.boolean() }),
    result: updateStatusSchema,
  },
} as const;

export const appEvents = {
  'app:notice': z.object({
    level: z.enum(['info', 'warning', 'error']),
    message: z.string(),
  }),
  'app:update-status': updateStatusSchema,
  /** A menu item of the desktop app was chosen: the window runs that command (shared/commands.ts). */
  'app:command': z.object({ id: z.enum(appCommandIds as [AppCommandId, ...AppCommandId[]]) }),
} as const;
