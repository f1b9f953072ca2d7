import type { z } from 'zod';
import type { IpcResult } from '../errors.js';
import { appChannels, appEvents } from './app-channels.js';
import { connectionsChannels, connectionsEvents } from './connections-channels.js';
import { importChannels } from './import-channels.js';
import { graphqlChannels } from './graphql-channels.js';
import { inspectorChannels } from './inspector-channels.js';
import { requestsChannels, requestsEvents } from './requests-channels.js';
import { tokensChannels } from './tokens-channels.js';
import { workspaceChannels, workspaceEvents } from './workspace-channels.js';

export * from './app-channels.js';
export * from './connections-channels.js';
export * from './import-channels.js';
export * from './graphql-channels.js';
export * from './inspector-channels.js';
export * from './requests-channels.js';
export * from './tokens-channels.js';
export * from './workspace-channels.js';

/**
 * The one IPC contract between the main process (or the browser-mode host) and the renderer.
 * Channel names are `domain:verb`; each maps to a zod schema for its single argument and for its
 * result. The preload, the WebSocket bridge and the handler table are all generated from this map,
 * so adding a feature means adding a channel file in shared/ipc/ (spread into `contract` below),
 * its handlers in electron/core/handlers/, and a screen.
 */

export const contract = {
  ...appChannels,
  ...connectionsChannels,
  ...tokensChannels,
  ...inspectorChannels,
  ...requestsChannels,
  ...graphqlChannels,
  ...workspaceChannels,
  ...importChannels,
} as const;

/** Events main → renderer. Payloads never contain a secret or a raw token. */
export const eventContract = {
  ...appEvents,
  ...connectionsEvents,
  ...requestsEvents,
  ...workspaceEvents,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelArgs<C extends Channel> = z.input<Contract[C]['args']>;
/** The argument as a handler sees it: after the schema's defaults and transforms. */
export type ChannelParsedArgs<C extends Channel> = z.output<Contract[C]['args']>;
export type ChannelResult<C extends Channel> = z.output<Contract[C]['result']>;

export type EventContract = typeof eventContract;
export type EventName = keyof EventContract;
export type EventPayload<E extends EventName> = z.output<EventContract[E]>;

/** Every channel name, in contract order. */
export const channels = Object.keys(contract) as Channel[];

/** Subscribe to a main → renderer event; returns the unsubscribe function. */
export type Subscribe = <E extends EventName>(
  name: E,
  handler: (payload: EventPayload<E>) => void,
) => () => void;

/**
 * The shape of `window.api`: one method per channel (same name as the channel) plus `on`.
 * There is deliberately no generic `invoke(channel, …)`.
 */
export type Api = {
  [C in Channel]: ChannelArgs<C> extends void
    ? (args?: ChannelArgs<C>) => Promise<IpcResult<ChannelResult<C>>>
    : (args: ChannelArgs<C>) => Promise<IpcResult<ChannelResult<C>>>;
} & { on: Subscribe };

/** The keys `window.api` must have, exactly. */
export const apiKeys: readonly string[] = [...channels, 'on'];

/** Electron IPC channel used for one event name (one per event, so the preload can allowlist). */
export const eventIpcChannel = (name: EventName): string => `event:${name}`;

/** True when `name` is a channel of the contract (used by the transports to reject unknown calls). */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** True when `name` is an event of the contract. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(eventContract, name);
}
