import type { ReactElement } from 'react';
import type { WizardDraft } from '../model/draft.js';
import { secretsToEnterAgain } from '../model/secret-origin.js';

/** Says, before saving, that a stored secret must be typed again for a token endpoint's new origin. */
export function SecretOriginNotice({ draft }: { draft: WizardDraft }): ReactElement | null {
  const again = secretsToEnterAgain(draft);
  if (again === null) return null;
  const what =
    again.names.length === 1
      ? `the ${again.names[0]}`
      : `the ${again.names.slice(0, -1).join(', ')} and ${again.names.at(-1)}`;
  return (
    <div
      className="conn-callout conn-callout-warn"
      role="status"
      data-testid="secret-origin-notice"
    >
      <strong>Enter {what} again.</strong> The token endpoint moved from <code>{again.from}</code>{' '}
      to <code>{again.to}</code>. Grantline sends a stored secret only to the address it was entered
      for, so this connection cannot be saved or tested with the stored one.
    </div>
  );
}
