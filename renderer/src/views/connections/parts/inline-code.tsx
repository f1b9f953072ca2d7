import type { ReactElement } from 'react';

/** Text with `backtick` spans shown as code, as the preset guidance writes commands. */
export function InlineCode({ text }: { text: string }): ReactElement {
  const parts = text.split(/(`[^`]+`)/g);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith('`') && part.endsWith('`') && part.length > 1 ? (
          <code key={i}>{part.slice(1, -1)}</code>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}
