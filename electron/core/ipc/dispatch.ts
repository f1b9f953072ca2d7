import { ZodError } from 'zod';
import { AppError, type IpcError, type IpcResult } from '#shared/errors.js';
import {
  contract,
  isChannel,
  type Channel,
  type ChannelParsedArgs,
  type ChannelResult,
} from '#shared/ipc/contract.js';

/** Who is calling: lets handlers know the transport without caring about its details. */
export interface CallContext {
  transport: 'electron' | 'browser' | 'cli' | 'test';
  signal?: AbortSignal;
}

/** One function per channel; each may throw AppError, which becomes `{ ok: false }`. */
export type HandlerTable = {
  [C in Channel]: (args: ChannelParsedArgs<C>, ctx: CallContext) => Promise<ChannelResult<C>>;
};

/** The handlers of one domain's channel map (e.g. `typeof appChannels`). */
export type HandlersFor<Channels> = Pick<HandlerTable, keyof Channels & Channel>;

/** Longest path segment quoted in a message: record keys come from the caller and can be huge. */
const MAX_SEGMENT_CHARS = 40;
/** Longest validation message; the caller gets enough to find the field, not an echo of its input. */
const MAX_MESSAGE_CHARS = 1_000;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'argument';
  return path.map((segment) => clip(String(segment), MAX_SEGMENT_CHARS)).join('.');
}

function zodMessage(error: ZodError): string {
  const text = error.issues
    .slice(0, 5)
    .map((issue) => `${pathText(issue.path)}: ${issue.message}`)
    .join('; ');
  return clip(text, MAX_MESSAGE_CHARS);
}

/** Convert anything thrown by a handler into the error half of an IPC result. */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof AppError) return error.toIpcError();
  if (error instanceof ZodError) {
    return {
      category: 'validation',
      message: `Invalid input: ${zodMessage(error)}`,
      hint: 'Check the highlighted fields and try again.',
    };
  }
  // Unknown errors may carry library text that embeds request data; keep the message generic.
  return {
    category: 'internal',
    message: 'Something went wrong inside Grantline.',
    hint: 'Try again; if it keeps happening, restart the app and report the steps that led here.',
  };
}

/**
 * The single entry point every transport uses: validates the channel and its argument with the
 * contract, runs the handler, validates the result, and never throws.
 */
export async function dispatch(
  handlers: HandlerTable,
  channel: unknown,
  rawArgs: unknown,
  ctx: CallContext,
): Promise<IpcResult<unknown>> {
  if (!isChannel(channel)) {
    return {
      ok: false,
      error: {
        category: 'validation',
        message: `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}.`,
      },
    };
  }
  const spec = contract[channel];
  const parsedArgs = spec.args.safeParse(rawArgs);
  if (!parsedArgs.success) {
    return {
      ok: false,
      error: {
        category: 'validation',
        message: `Invalid arguments for ${channel}: ${zodMessage(parsedArgs.error)}`,
        hint: 'This is a bug in the caller; the request was not run.',
      },
    };
  }
  try {
    const handler = handlers[channel] as (args: unknown, ctx: CallContext) => Promise<unknown>;
    const value = await handler(parsedArgs.data, ctx);
    const parsedResult = spec.result.safeParse(value);
    if (!parsedResult.success) {
      return {
        ok: false,
        error: {
          category: 'internal',
          message: `The ${channel} handler returned an unexpected shape: ${zodMessage(parsedResult.error)}`,
        },
      };
    }
    return { ok: true, value: parsedResult.data };
  } catch (error) {
    return { ok: false, error: toIpcError(error) };
  }
}
