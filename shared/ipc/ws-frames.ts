import { z } from 'zod';
import type { IpcResult } from '../errors.js';

/**
 * The frames of browser mode's WebSocket (`grantline serve`), for the host, the page and the
 * tests alike. The page sends calls; the host answers each call with a result, pushes events,
 * and answers a frame it cannot tie to any call with a protocol error.
 */

/** A call from the page: one contract channel and its argument. */
export const callFrameSchema = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  args: z.unknown().optional(),
});
export type CallFrame = z.infer<typeof callFrameSchema>;

/** The answer to the call with the same id (refusals included). */
export type ResultFrame = { t: 'result'; id: number; result: IpcResult<unknown> };
/** A frame that named no call the host could answer; it never carries an id. */
export type ProtocolErrorFrame = { t: 'protocol-error'; message: string };
/** An event of the contract, pushed to every page. */
export type EventFrame = { t: 'event'; name: string; payload: unknown };
/** Every frame the host sends. */
export type HostFrame = ResultFrame | ProtocolErrorFrame | EventFrame;
