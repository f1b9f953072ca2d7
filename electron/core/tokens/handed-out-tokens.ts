import type { z } from 'zod';
import type { revealedTokenSchema } from '#shared/ipc/tokens-channels.js';
import type { DpopSigner } from './dpop.js';

// The two ways the engine hands a token out of itself; everything else sees only its status.

/** What `withToken` hands to the API call. */
export interface BearerCredential {
  /** Ready for the Authorization header, e.g. "Bearer eyJ…". */
  authorization: string;
  accessToken: string;
  tokenType: string;
  /** For a DPoP-bound token: the key that signs the proof each request must carry. */
  dpop?: DpopSigner | undefined;
}

/** The raw token, for an explicit "copy" or "reveal" by the user, or the CLI. */
export type RevealedToken = z.output<typeof revealedTokenSchema>;
