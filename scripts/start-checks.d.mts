// Types for scripts/start-checks.mjs.
export function electronChildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
