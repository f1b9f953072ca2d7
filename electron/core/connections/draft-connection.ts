import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  connectionSchema,
  type Connection,
  type connectionInputSchema,
} from '#shared/connection.js';

/**
 * A throwaway Connection for settings that are not saved (the wizard's "Test connection", the
 * `grantline token` CLI's flags).
 */
export function draftConnection(input: z.output<typeof connectionInputSchema>): Connection {
  const id = input.id ?? `draft-${randomUUID()}`;
  const stamp = new Date().toISOString();
  return connectionSchema.parse({
    ...input,
    id,
    privateKeyJwt: input.privateKeyJwt ? { ...input.privateKeyJwt, keyRef: 'draft' } : undefined,
    createdAt: stamp,
    updatedAt: stamp,
  });
}
