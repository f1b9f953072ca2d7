import { eventContract, type EventName, type EventPayload } from '#shared/ipc/contract.js';

type Listener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/**
 * Main → renderer events. Core code emits; each transport (Electron window, browser-mode
 * WebSocket) subscribes once and forwards. Payloads are validated so a token can never slip in
 * through an event that was not designed to carry it.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  /** Register a transport; returns its unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validate and deliver an event to every transport. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const parsed = eventContract[name].parse(payload) as EventPayload<E>;
    for (const listener of this.listeners) listener(name, parsed);
  }
}
