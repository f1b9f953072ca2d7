import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthPanel } from '../../../../renderer/src/views/composer/auth-panel.js';

// The custom auth header says what is wrong at its own fields, and never quotes the secret value.

afterEach(cleanup);

/** The text of the elements an input's aria-describedby points at ('' when none). */
function description(input: HTMLElement): string {
  const ids = input.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

function show(name: string, value: string) {
  render(
    <AuthPanel
      auth={{ type: 'header', name, value }}
      onChange={() => undefined}
      connectionName="Acme"
    />,
  );
  return {
    name: screen.getByRole('textbox', { name: 'Auth header name' }),
    value: screen.getByLabelText('Auth header value'),
  };
}

describe('AuthPanel custom header', () => {
  it('marks a bad name and a value with a line break, with messages at the fields', () => {
    const fields = show('X Api: Key', 'sekrit-part\r\nX-Injected: 1');
    expect(fields.name.getAttribute('aria-invalid')).toBe('true');
    expect(description(fields.name)).toMatch(/not a valid header name/);
    expect(fields.value.getAttribute('aria-invalid')).toBe('true');
    expect(description(fields.value)).toMatch(/cannot carry in a header/);
    expect(document.body.textContent).not.toContain('sekrit-part');
  });

  it('leaves valid fields alone', () => {
    const fields = show('X-Api-Key', 'k-123');
    expect(fields.name.getAttribute('aria-invalid')).toBe('false');
    expect(fields.value.getAttribute('aria-invalid')).toBe('false');
    expect(description(fields.name)).toBe('');
    expect(description(fields.value)).toBe('');
  });
});
