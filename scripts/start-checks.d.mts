// Types for scripts/start-checks.mjs.
export function electronChildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export const APPARMOR_USERNS_FILE: string;
export type SandboxCheck = { ok: true } | { ok: false; reason: string; fix: string };
export function checkLinuxSandbox(input: {
  platform: string;
  readUsernsRestriction: () => string | undefined;
  sandboxPath: string;
  statSandbox: () => { uid: number; mode: number } | undefined;
}): SandboxCheck;
