import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BindingReport } from '#shared/token-binding.js';
import { BindingCard } from '../../../../renderer/src/views/inspector/binding-card.js';
import { installTypedApi, ok, type FakeApi, type FakeHandlers } from '../typed-api.js';

/** A window.api whose tokens:binding answers `answer`, checked by the contract's schemas. */
function installBinding(answer: NonNullable<FakeHandlers['tokens:binding']>): FakeApi {
  return installTypedApi({ 'tokens:binding': answer });
}

afterEach(cleanup);

describe('Inspector: sender constraint card', () => {
  it('shows the cnf thumbprints and whether main found them equal to the connection’s', async () => {
    const report: BindingReport = {
      state: 'bound',
      message: 'The token’s binding does not match this connection.',
      checks: [
        {
          claim: 'jkt',
          tokenValue: 'jkt-of-token',
          connectionValue: 'jkt-of-token',
          status: 'match',
          message: 'Bound to this connection’s DPoP key.',
        },
        {
          claim: 'x5t#S256',
          tokenValue: 'x5t-of-token',
          connectionValue: 'x5t-of-other',
          status: 'mismatch',
          message: 'Bound to another certificate than this connection’s.',
        },
      ],
    };
    const fake = installBinding(() => ok(report));
    render(<BindingCard connectionId="c-1" tokenKey="t1" />);
    const card = screen.getByRole('region', { name: 'Sender constraint' });
    expect(await screen.findByText('jkt-of-token')).toBeTruthy();
    expect(card.textContent).toContain('DPoP key (cnf.jkt)');
    expect(card.textContent).toContain('Matches');
    expect(card.textContent).toContain('Client certificate (cnf.x5t#S256)');
    expect(card.textContent).toContain('Does not match');
    expect(fake.argsOf('tokens:binding')).toEqual([{ connectionId: 'c-1' }]);
  });

  it('says why when the check fails', async () => {
    installBinding(() => ({
      ok: false,
      error: { category: 'network', message: 'The token endpoint is unreachable.' },
    }));
    render(<BindingCard connectionId="c-1" tokenKey="t1" />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/unreachable/);
  });
});
