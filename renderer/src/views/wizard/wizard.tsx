import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { useStore } from '../../store/store.js';
import { hasTypedSecret } from './model/draft.js';
import { nextStepOf, previousStepOf, stepIndex, wizardSteps } from './model/steps.js';
import { StepCredentials } from './steps/step-credentials.js';
import { StepCurl } from './steps/step-curl.js';
import { StepDetails } from './steps/step-details.js';
import { StepGuidance } from './steps/step-guidance.js';
import { StepPlatform } from './steps/step-platform.js';
import { StepTest } from './steps/step-test.js';
import './wizard.css';

function StepIndicator(): ReactElement {
  const step = useStore((s) => s.wizard?.step ?? 'platform');
  const furthest = useStore((s) => s.wizard?.furthest ?? 0);
  const goToStep = useStore((s) => s.goToStep);
  const current = stepIndex(step);
  return (
    <nav aria-label="Wizard steps">
      <ol className="step-indicator">
        {wizardSteps.map((s, i) => (
          <li
            key={s.id}
            className={i === current ? 'current' : i < current || i <= furthest ? 'reached' : ''}
          >
            <button
              type="button"
              aria-current={i === current ? 'step' : undefined}
              disabled={i > furthest}
              onClick={() => goToStep(s.id)}
            >
              <span className="step-number" aria-hidden="true">
                {i + 1}
              </span>
              <span className="step-title">
                <span className="conn-sr-only">Step {i + 1}: </span>
                {s.title}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The provider wizard: five steps from "which platform?" to a saved, tested connection. */
export function Wizard(): ReactElement | null {
  const wizard = useStore((s) => s.wizard);
  const nextStep = useStore((s) => s.nextStep);
  const goToStep = useStore((s) => s.goToStep);
  const cancel = useStore((s) => s.cancelWizard);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const step = wizard?.step ?? 'platform';
  const curl = wizard?.platformView === 'curl' && step === 'platform';

  // Move focus to the new step's heading so keyboard and screen-reader users start there.
  useEffect(() => {
    headingRef.current?.focus();
  }, [step, curl]);

  if (wizard === null) return null;
  const index = stepIndex(step);
  const title = curl ? 'Paste a curl command' : (wizardSteps[index]?.title ?? '');
  const editing = wizard.draft?.editId !== undefined;
  const previous = previousStepOf(step);
  const next = nextStepOf(step);
  const canGoOn = step !== 'platform' || wizard.draft !== null;

  const typedSecret = hasTypedSecret(wizard.draft);
  const keepEditing = (): void => {
    setConfirming(false);
    // Focus goes back where it was, not to the top of the page.
    requestAnimationFrame(() => cancelRef.current?.focus());
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (step === 'test' || (step === 'platform' && (curl || wizard.draft === null))) return;
    nextStep();
  };

  return (
    <div className="view wizard-view">
      <header className="view-header">
        <h1>{editing ? `Edit “${wizard.draft?.name ?? ''}”` : 'New connection'}</h1>
        <p className="view-subtitle">
          From a service account’s client ID and secret to a tested, saved connection.
        </p>
      </header>
      <StepIndicator />
      <form className="wizard-form" onSubmit={submit} noValidate>
        <section className="wizard-step" aria-labelledby="wizard-step-heading">
          <p className="step-counter">
            Step {index + 1} of {wizardSteps.length}
          </p>
          <h2 id="wizard-step-heading" ref={headingRef} tabIndex={-1}>
            {title}
          </h2>
          {step === 'platform' && (curl ? <StepCurl /> : <StepPlatform />)}
          {step === 'guidance' && <StepGuidance />}
          {step === 'details' && <StepDetails />}
          {step === 'credentials' && <StepCredentials />}
          {step === 'test' && <StepTest />}
        </section>
        {confirming && (
          <div
            role="alertdialog"
            aria-labelledby="discard-title"
            aria-describedby="discard-detail"
            className="conn-callout conn-callout-warn discard-confirm"
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                keepEditing();
              }
            }}
          >
            <p>
              <strong id="discard-title">Discard this draft?</strong>{' '}
              <span id="discard-detail">
                The secret or key you entered is not saved and will be forgotten.
              </span>
            </p>
            <div className="wz-button-row">
              {/* The safe choice has the focus. */}
              <button type="button" className="conn-button" autoFocus onClick={keepEditing}>
                Keep editing
              </button>
              <button type="button" className="conn-button danger" onClick={cancel}>
                Discard draft
              </button>
            </div>
          </div>
        )}
        <footer className="wizard-nav">
          <button
            ref={cancelRef}
            type="button"
            className="conn-button quiet"
            aria-expanded={typedSecret ? confirming : undefined}
            onClick={() => (typedSecret ? setConfirming(true) : cancel())}
          >
            Cancel
          </button>
          <span className="wizard-nav-spacer" />
          {previous !== undefined && (
            <button type="button" className="conn-button" onClick={() => goToStep(previous)}>
              Back
            </button>
          )}
          {next !== undefined && canGoOn && !curl && (
            <button type="submit" className="conn-button primary">
              Next: {wizardSteps[index + 1]?.title}
            </button>
          )}
        </footer>
      </form>
    </div>
  );
}
