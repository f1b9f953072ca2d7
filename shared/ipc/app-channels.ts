import { z } from 'zod';

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

export const appChannels = {
  'app:info': { args: z.void(), result: appInfoSchema },
} as const;

export const appEvents = {
  'app:notice': z.object({
    level: z.enum(['info', 'warning', 'error']),
    message: z.string(),
  }),
} as const;
