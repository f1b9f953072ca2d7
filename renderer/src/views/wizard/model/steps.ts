/** The wizard's steps, in order; the indicator and the headings use these titles. */
export const wizardSteps = [
  { id: 'platform', title: 'Choose a platform' },
  { id: 'guidance', title: 'Create the service account' },
  { id: 'details', title: 'Connection details' },
  { id: 'credentials', title: 'Credentials' },
  { id: 'test', title: 'Test and save' },
] as const;

export type StepId = (typeof wizardSteps)[number]['id'];

/** Position of a step (0-based). */
export function stepIndex(step: StepId): number {
  return wizardSteps.findIndex((s) => s.id === step);
}

/** The step after `step`, or undefined at the end. */
export function nextStepOf(step: StepId): StepId | undefined {
  return wizardSteps[stepIndex(step) + 1]?.id;
}

/** The step before `step`, or undefined at the start. */
export function previousStepOf(step: StepId): StepId | undefined {
  const i = stepIndex(step);
  return i <= 0 ? undefined : wizardSteps[i - 1]?.id;
}
