import type { ConnectionInspectionResult, PastedInspection } from '#shared/ipc/contract.js';

/** A successful inspection, of pasted text (raw token included) or of a connection (blanked). */
export type InspectedOk =
  Extract<PastedInspection, { ok: true }> | Extract<ConnectionInspectionResult, { ok: true }>;
