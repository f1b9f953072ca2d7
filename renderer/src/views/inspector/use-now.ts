import { useSyncExternalStore } from 'react';

/** A clock that ticks once a second while anyone listens, and stops when the last one leaves. */
class SharedClock {
  private current = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.timer === undefined) {
      // Fresh on (re)start, so a token pasted long after the view mounted is not timed from then.
      this.current = Date.now();
      this.timer = setInterval(() => {
        this.current = Date.now();
        for (const notify of this.listeners) notify();
      }, 1000);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer !== undefined) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  };

  read = (): number => this.current;
}

/** One clock for every live countdown on screen, so they all tick together. */
const clock = new SharedClock();
const idle = (): (() => void) => () => undefined;

/** The current time (epoch ms), updated every second while `active`, for live countdowns. */
export function useNow(active: boolean): number {
  return useSyncExternalStore(active ? clock.subscribe : idle, clock.read);
}
