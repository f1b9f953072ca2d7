// Kept apart from frame-guard.ts (which needs zod for the call schema) so the host can listen
// before it loads zod: the limits are read at start, the guard only when the first frame arrives.

/** How much structure one frame from a page may carry; checked before JSON.parse builds it. */
export interface FrameLimits {
  /** Deepest nesting of arrays and objects (the envelope counts as one level). */
  maxDepth: number;
  /** Most arrays, objects and commas outside strings: roughly the number of values. */
  maxValues: number;
}

/**
 * The contract's deepest argument (a form row inside a request draft) sits 5 levels down and its
 * biggest (a draft with 1,000-row tables) has about 15k values, so these leave ample room. They
 * exist because JSON.parse of an 8 MB frame of `[[[[…` or `[[],[],…` blocks the event loop for
 * seconds and allocates hundreds of MB before any schema sees it.
 */
export const DEFAULT_FRAME_LIMITS: FrameLimits = { maxDepth: 64, maxValues: 100_000 };
