import { useEffect, useState, type ReactElement } from 'react';
import { copyText } from '../services/clipboard.js';

/** A small button that copies `text` (or what `getText` resolves to) and says whether it worked. */
export function CopyButton({
  label,
  text,
  getText,
  children = 'Copy',
  className = 'small-button',
  statusClassName = 'visually-hidden',
}: {
  /** The accessible name, e.g. "Copy the value of iss". */
  label: string;
  text?: string;
  getText?: () => Promise<string | null>;
  children?: string;
  /** Each area styles its own small buttons; the behaviour is shared. */
  className?: string;
  statusClassName?: string;
}): ReactElement {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return undefined;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const onClick = async (): Promise<void> => {
    const value = text ?? (getText ? await getText() : null);
    if (value === null) return;
    setState((await copyText(value)) ? 'copied' : 'failed');
  };
  return (
    <>
      <button type="button" className={className} aria-label={label} onClick={() => void onClick()}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : children}
      </button>
      <span className={statusClassName} role="status">
        {state === 'copied'
          ? 'Copied.'
          : state === 'failed'
            ? 'The clipboard refused the text.'
            : ''}
      </span>
    </>
  );
}
