import type { IpcResult } from '#shared/errors.js';
import {
  channels,
  contract,
  eventContract,
  type Api,
  type Channel,
  type ChannelArgs,
  type ChannelParsedArgs,
  type ChannelResult,
  type EventName,
  type EventPayload,
  type Subscribe,
} from '#shared/ipc/contract.js';

/** How a faked channel answers: typed by the contract, checked by its schemas at run time. */
export type FakeHandlers = {
  [C in Channel]?: (
    args: ChannelParsedArgs<C>,
  ) => IpcResult<ChannelResult<C>> | Promise<IpcResult<ChannelResult<C>>>;
};

/** One call the renderer made through window.api, with the argument as it sent it. */
export interface FakeCall {
  channel: Channel;
  args: unknown;
}

export interface FakeApi {
  api: Api;
  calls: FakeCall[];
  /** The arguments of every call to one channel, in order. */
  argsOf: <C extends Channel>(channel: C) => ChannelArgs<C>[];
  /** Send a main → renderer event (its payload checked by the event schema). */
  emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void;
  /** Replace how one channel answers from now on. */
  answer: <C extends Channel>(channel: C, handler: NonNullable<FakeHandlers[C]>) => void;
}

/**
 * A fake `window.api` held to the contract both ways, as the real transports are: the
 * renderer's argument must pass the channel's args schema, and what a handler answers must pass
 * its result schema, so a fake answering a shape main never could fails the test. Channels
 * without a handler answer an 'internal' error naming them.
 */
export function createFakeApi(handlers: FakeHandlers = {}): FakeApi {
  const table: FakeHandlers = { ...handlers };
  const calls: FakeCall[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const method = async (channel: Channel, args: unknown): Promise<IpcResult<unknown>> => {
    calls.push({ channel, args });
    const parsedArgs = contract[channel].args.parse(args);
    const handler = table[channel] as
      ((a: unknown) => IpcResult<unknown> | Promise<IpcResult<unknown>>) | undefined;
    if (handler === undefined) {
      return { ok: false, error: { category: 'internal', message: `${channel} is not faked` } };
    }
    const result = await handler(parsedArgs);
    if (!result.ok) return result;
    const checked = contract[channel].result.safeParse(result.value);
    if (!checked.success) {
      throw new Error(
        `The fake answer to ${channel} breaks the contract: ${checked.error.message}`,
      );
    }
    return { ok: true, value: checked.data };
  };

  const on: Subscribe = (name, handler) => {
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    set.add(handler as (payload: unknown) => void);
    return () => set.delete(handler as (payload: unknown) => void);
  };

  const methods = Object.fromEntries(
    channels.map((channel) => [channel, (args?: unknown) => method(channel, args)]),
  );
  // Every channel is built from the contract's own list, so the object has exactly Api's keys.
  const api = { ...methods, on } as Api;

  return {
    api,
    calls,
    argsOf: <C extends Channel>(channel: C) =>
      calls.filter((c) => c.channel === channel).map((c) => c.args as ChannelArgs<C>),
    emit: (name, payload) => {
      const parsed = eventContract[name].parse(payload);
      for (const listener of listeners.get(name) ?? []) listener(parsed);
    },
    answer: (channel, handler) => {
      table[channel] = handler as never;
    },
  };
}

/** Install a fake as `window.api` (what the preload exposes in the app). */
export function installTypedApi(handlers: FakeHandlers = {}): FakeApi {
  const fake = createFakeApi(handlers);
  Object.defineProperty(window, 'api', { value: fake.api, configurable: true, writable: true });
  return fake;
}

/** A successful answer. */
export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
