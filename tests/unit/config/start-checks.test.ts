import { describe, expect, it } from 'vitest';
import { checkLinuxSandbox, electronChildEnv } from '../../../scripts/start-checks.mjs';

const sandboxPath = '/repo/node_modules/electron/dist/chrome-sandbox';

describe('npm start: the Electron child environment', () => {
  it('drops ELECTRON_RUN_AS_NODE, which would start the binary as plain Node', () => {
    const env = electronChildEnv({ ELECTRON_RUN_AS_NODE: '1', PATH: '/usr/bin', HOME: '/h' });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/h' });
  });
});

describe('npm start: the Linux sandbox check', () => {
  const check = (restriction: string | undefined, helper?: { uid: number; mode: number }) =>
    checkLinuxSandbox({
      platform: 'linux',
      readUsernsRestriction: () => restriction,
      sandboxPath,
      statSandbox: () => helper,
    });

  it('passes where AppArmor does not restrict user namespaces (or has no such setting)', () => {
    expect(check(undefined)).toEqual({ ok: true });
    expect(check('0\n')).toEqual({ ok: true });
  });

  it('passes under the restriction when chrome-sandbox is root-owned with mode 4755', () => {
    expect(check('1\n', { uid: 0, mode: 0o104755 })).toEqual({ ok: true });
  });

  it('gives the exact fix when chrome-sandbox is not set up', () => {
    const notRoot = check('1\n', { uid: 1000, mode: 0o100755 });
    expect(notRoot.ok).toBe(false);
    if (notRoot.ok) return;
    expect(notRoot.reason).toContain('apparmor_restrict_unprivileged_userns');
    expect(notRoot.reason).toContain('owned by uid 1000 with mode 755');
    expect(notRoot.fix).toBe(
      `sudo chown root:root '${sandboxPath}' && sudo chmod 4755 '${sandboxPath}'`,
    );
    const wrongMode = check('1', { uid: 0, mode: 0o100755 });
    expect(wrongMode.ok).toBe(false);
    const missing = check('1', undefined);
    expect(missing).toMatchObject({ ok: false, reason: expect.stringContaining('is missing') });
  });

  it('never blocks other platforms', () => {
    expect(
      checkLinuxSandbox({
        platform: 'darwin',
        readUsernsRestriction: () => '1',
        sandboxPath,
        statSandbox: () => undefined,
      }),
    ).toEqual({ ok: true });
  });
});
