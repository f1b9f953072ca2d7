import type { ReactElement } from 'react';
import { getPreset } from '#shared/presets/index.js';
import { useStore } from '../../../store/store.js';
import { CopyButton } from '../../../components/copy-button.js';
import { InlineCode } from '../../connections/parts/inline-code.js';

/** Step 2: how to get a client ID and secret on this platform, with copyable commands. */
export function StepGuidance(): ReactElement | null {
  const presetId = useStore((s) => s.wizard?.draft?.presetId);
  const preset = presetId === undefined ? undefined : getPreset(presetId);
  if (preset === undefined) return null;
  return (
    <>
      <p className="step-intro">
        <strong>{preset.name}</strong>: {preset.description} Already have a client ID and secret? Go
        straight to the next step.
      </p>
      <ol className="guidance-steps">
        {preset.onboarding.map((step) => (
          <li key={step.title}>
            <h3>{step.title}</h3>
            <p>
              <InlineCode text={step.body} />
            </p>
            {step.commands !== undefined && step.commands.length > 0 && (
              <ul className="command-list">
                {step.commands.map((c) => (
                  <li key={c.command} className="command">
                    {c.label !== undefined && <span className="command-label">{c.label}</span>}
                    <code>{c.command}</code>
                    <CopyButton
                      label={`Copy: ${c.label ?? c.command}`}
                      text={c.command}
                      className="conn-small-button"
                      statusClassName="conn-sr-only"
                    />
                  </li>
                ))}
              </ul>
            )}
            {step.links !== undefined && step.links.length > 0 && (
              <p className="doc-links">
                {step.links.map((link) => (
                  <a key={link.url + link.label} href={link.url} target="_blank" rel="noreferrer">
                    {link.label} ↗
                  </a>
                ))}
              </p>
            )}
          </li>
        ))}
      </ol>
      {preset.notes.length > 0 && (
        <aside className="preset-notes" aria-label="Good to know">
          <h3>Good to know</h3>
          <ul>
            {preset.notes.map((note) => (
              <li key={note}>
                <InlineCode text={note} />
              </li>
            ))}
          </ul>
        </aside>
      )}
    </>
  );
}
