import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { EventBus } from '../../../electron/core/events.js';
import { KeyFileProtector } from '../../../electron/core/secrets/key-file-protector.js';
import { createAppCore, type AppCore } from '../../../electron/core/app-core.js';
import { openJsonStore } from '../../../electron/core/storage/conf-json-store.js';
import { connectionInputSchema } from '#shared/connection.js';
import { AppError } from '#shared/errors.js';

/** The app's services on a data dir, as `grantline serve` builds them (key file protector). */
export async function openServices(dataDir: string): Promise<AppCore> {
  const services = createAppCore({
    dataDir,
    protector: new KeyFileProtector(dataDir),
    openStore: openJsonStore,
    events: new EventBus(),
  });
  await services.ready;
  return services;
}

/** A connection input the repository accepts. */
export function connectionInput(name: string) {
  return connectionInputSchema.parse({
    name,
    presetId: 'generic-oauth2',
    clientId: `client-${name}`,
    tokenUrl: 'https://idp.example/oauth2/token',
  });
}

/** Save connections with a client secret each; answers name → secret. */
export async function seed(dataDir: string, names: string[]): Promise<Map<string, string>> {
  const services = await openServices(dataDir);
  const saved = new Map<string, string>();
  for (const name of names) {
    const secret = `secret-of-${name}`;
    await services.connections.save(connectionInput(name), { clientSecret: secret });
    saved.set(name, secret);
  }
  await services.close();
  return saved;
}

/** Every connection is listed and its secret decrypts to what was saved. */
export async function expectIntact(
  services: AppCore,
  saved: ReadonlyMap<string, string>,
): Promise<void> {
  for (const [name, secret] of saved) {
    const connection = services.connections.findByNameOrId(name);
    expect(connection, `connection ${name}`).toBeDefined();
    expect(await services.secrets.get(connection!.secretRef!)).toBe(secret);
  }
}

/** Name → content of every regular file in the folder. */
export function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) files.set(name, readFileSync(path, 'utf8'));
  }
  return files;
}

/** Temp files of writes in the folder (none may outlive a failed save). */
export function tempFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.includes('.tmp-'));
}

/** The AppError a call fails with (sync or async); fails the test when it succeeds. */
export async function failure(run: () => unknown): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the call to fail');
}
