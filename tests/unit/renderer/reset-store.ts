import { useStore } from '../../../renderer/src/store/store.js';

/**
 * Put the whole store back to the state it was created with, bookkeeping included (pending
 * timers and the tokens of awaited answers), so no test sees what the one before it left.
 */
export function resetStore(): void {
  useStore.setState(useStore.getInitialState(), true);
}
