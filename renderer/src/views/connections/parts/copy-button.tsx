import { useEffect, useState, type ReactElement } from 'react';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Copies a command or value and says, visibly and to screen readers, whether it worked. */
export function CopyButton({ label, text }: { label: string; text: string }): ReactElement {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return undefined;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <button
        type="button"
        className="conn-small-button"
        aria-label={label}
        onClick={() => void copyText(text).then((ok) => setState(ok ? 'copied' : 'failed'))}
      >
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
      </button>
      <span className="conn-sr-only" role="status">
        {state === 'copied'
          ? 'Copied.'
          : state === 'failed'
            ? 'The clipboard refused the text.'
            : ''}
      </span>
    </>
  );
}
