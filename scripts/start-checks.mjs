// Pure checks for `npm start` (scripts/start.mjs), with every reading of the system injected so
// each case is unit-tested (tests/unit/config/start-checks.test.ts).

/**
 * The environment for the Electron child. ELECTRON_RUN_AS_NODE (set by VS Code's terminal, by
 * some tools, or inherited from a parent Electron) makes the binary start as plain Node and ignore
 * the app, so it is dropped; everything else is passed through.
 */
export function electronChildEnv(env) {
  const out = { ...env };
  delete out.ELECTRON_RUN_AS_NODE;
  return out;
}

/** The file that says whether AppArmor restricts unprivileged user namespaces (Ubuntu 23.10+). */
export const APPARMOR_USERNS_FILE = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';

/**
 * Whether Chromium's sandbox can start with this Electron binary, before launching it.
 *
 * Chromium sandboxes renderers with unprivileged user namespaces; where AppArmor restricts them
 * (Ubuntu 23.10 and later, `apparmor_restrict_unprivileged_userns` = 1) it falls back to the SUID
 * helper `chrome-sandbox`, which works only when owned by root with mode 4755. Without either,
 * Electron aborts with "The SUID sandbox helper binary was found, but is not configured
 * correctly". The sandbox is never turned off: the answer says how to set the helper up.
 *
 * @param {object} input
 * @param {string} input.platform process.platform
 * @param {() => string | undefined} input.readUsernsRestriction contents of APPARMOR_USERNS_FILE,
 *   undefined when the file does not exist
 * @param {string} input.sandboxPath path of chrome-sandbox beside the Electron binary
 * @param {() => { uid: number, mode: number } | undefined} input.statSandbox its owner and mode,
 *   undefined when it does not exist
 * @returns {{ ok: true } | { ok: false, reason: string, fix: string }}
 */
export function checkLinuxSandbox({ platform, readUsernsRestriction, sandboxPath, statSandbox }) {
  if (platform !== 'linux') return { ok: true };
  const restricted = (readUsernsRestriction() ?? '0').trim() === '1';
  if (!restricted) return { ok: true };
  const helper = statSandbox();
  // 0o4755: setuid, rwx for the owner, r-x for the others.
  if (helper && helper.uid === 0 && (helper.mode & 0o7777) === 0o4755) return { ok: true };
  const state = helper
    ? `is owned by uid ${helper.uid} with mode ${(helper.mode & 0o7777).toString(8)}`
    : 'is missing';
  return {
    ok: false,
    reason:
      `AppArmor restricts unprivileged user namespaces on this system (${APPARMOR_USERNS_FILE} = 1) ` +
      `and Electron's sandbox helper ${sandboxPath} ${state}, so Electron would abort at start`,
    fix: `sudo chown root:root '${sandboxPath}' && sudo chmod 4755 '${sandboxPath}'`,
  };
}
