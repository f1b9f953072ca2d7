import { useStore } from '../../../store/store.js';
import type { FieldErrors, WizardDraft } from '../model/draft.js';
import type { StepId } from '../model/steps.js';

/** The wizard's draft and its updater; steps render only once a preset was chosen. */
export function useDraft(): {
  draft: WizardDraft | null;
  update: (p: Partial<WizardDraft>) => void;
} {
  const draft = useStore((s) => s.wizard?.draft ?? null);
  const update = useStore((s) => s.updateDraft);
  return { draft, update };
}

/** Errors of a step, shown once the user tried to move on from it (not while first typing). */
export function useShownErrors(step: StepId, errors: FieldErrors): FieldErrors {
  const checked = useStore((s) => s.wizard?.checked.includes(step) ?? false);
  return checked ? errors : {};
}
