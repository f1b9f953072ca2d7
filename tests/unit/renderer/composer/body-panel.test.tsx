import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState, type ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDraft, type RequestBody } from '#shared/requests/schemas.js';
import { BodyPanel } from '../../../../renderer/src/views/composer/body-panel.js';

function Harness(): ReactElement {
  const [body, setBody] = useState<RequestBody>({ ...emptyDraft().body, mode: 'json' });
  return <BodyPanel body={body} onChange={setBody} onSubmit={() => undefined} method="POST" />;
}

afterEach(cleanup);

describe('BodyPanel', () => {
  it('hands the focus to the editor when it replaces the text box the user was typing in', async () => {
    render(<Harness />);
    // The editor is still loading: the stand-in text box is what the user clicks and types in.
    const fallback = screen.getByRole('textbox', { name: 'JSON body' });
    expect(fallback.tagName).toBe('TEXTAREA');
    act(() => fallback.focus());
    fireEvent.change(fallback, { target: { value: '{"a": 1' } });
    // Wait for the editor's module itself (slow to transform on a busy machine), then for the swap.
    await act(async () => {
      await import('../../../../renderer/src/views/composer/code-editor.js');
    });
    const host = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.code-editor');
      if (found === null) throw new Error('The editor has not loaded yet');
      return found;
    });
    const content = host.shadowRoot?.querySelector<HTMLElement>('.cm-content');
    expect(content?.textContent).toBe('{"a": 1');
    // The keys the user types next land in the editor, not on a removed box.
    expect(host.shadowRoot?.activeElement).toBe(content);
  });
});
