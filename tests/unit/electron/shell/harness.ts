import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs a built Electron main entry (by default dist/electron/main.js) in a Node child process with
 * 'electron' replaced by the fake in fake-electron.mjs, and drives it from the test.
 */
export interface Shell {
  call<T = unknown>(op: string, arg?: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface ShellState {
  calls: string[];
  unknown: string[];
  privileges: { scheme: string; privileges: Record<string, boolean> }[];
  windows: {
    options: Record<string, unknown> & { webPreferences?: Record<string, unknown> };
    url: string;
    visible: boolean;
    maximized: boolean;
    shownBeforeContent: boolean;
  }[];
  ipcChannels: string[];
  ipcListeners: string[];
  protocols: string[];
  sent: { channel: string; payload: unknown }[];
  exitCode?: number;
  errors: string[];
  consoleErrors: string[];
  saveDialogArgs?: unknown[];
  menuLabels: string[];
  menuItems: { label: string; accelerator: string | null; registerAccelerator: boolean | null }[];
}

export const DIST_MAIN = fileURLToPath(
  new URL('../../../../dist/electron/main.js', import.meta.url),
);

export async function startShell(options: {
  mainPath?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}): Promise<Shell> {
  const child: ChildProcess = fork(
    fileURLToPath(new URL('./child.mjs', import.meta.url)),
    [options.mainPath ?? DIST_MAIN],
    {
      execArgv: ['--import', fileURLToPath(new URL('./register.mjs', import.meta.url))],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '', ...options.env },
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let started: () => void = () => undefined;
  const startedPromise = new Promise<void>((resolve) => (started = resolve));
  child.on('message', (message: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    if (message.id === 0) return started();
    const entry = pending.get(message.id);
    if (!entry) return;
    pending.delete(message.id);
    if (message.ok) entry.resolve(message.value);
    else entry.reject(new Error(message.error));
  });
  child.on('exit', (code) => {
    for (const entry of pending.values())
      entry.reject(new Error(`harness child exited (${code}): ${stderr}`));
    pending.clear();
  });
  await startedPromise;
  return {
    call<T>(op: string, arg?: unknown): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, op, arg });
      });
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
