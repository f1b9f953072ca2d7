import { useSyncExternalStore } from 'react';

// One shared clock for every live countdown on screen: ticks once a second while anyone listens.
let current = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    // Fresh on (re)start, so a token pasted long after the view mounted is not timed from then.
    current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      for (const notify of listeners) notify();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const idle = (): (() => void) => () => undefined;
const read = (): number => current;

/** The current time (epoch ms), updated every second while `active`, for live countdowns. */
export function useNow(active: boolean): number {
  return useSyncExternalStore(active ? subscribe : idle, read);
}
