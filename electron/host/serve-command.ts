import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ComposedApp } from '../core/composition-root.js';
import { isUnwritable } from '../core/storage/storage-errors.js';
import { appVersion, defaultDataDir, rendererDir } from './paths.js';
import { hasDisplay, openAppWindow } from './open-browser.js';
import { startHost } from './server.js';
import type { CliIo } from './cli-io.js';

export const SERVE_HELP = `Usage: grantline serve [--port N] [--data-dir DIR] [--open]

Serve Grantline to a browser on this machine (browser mode).

Options:
  --port N          port on 127.0.0.1 (default 0: a free port)
  --data-dir DIR    where connections, settings and encrypted secrets are kept
                    (default: ${defaultDataDir()}; env GRANTLINE_DATA_DIR)
  --open            open the app in Chromium (app mode) when a display is available
  -h, --help        show this help

Prints one line "Grantline is running at http://127.0.0.1:PORT/#key=…" when ready.
The key in the URL is new on every launch; pages without it are refused. Treat the
printed address as a secret: whoever has it can use your saved connections.
--open never puts the key on the browser's command line (other users can read it):
the browser gets a one-time address that is dead after its first use or 10 seconds.
Stop with Ctrl+C (SIGINT) or SIGTERM.`;

/** `grantline serve`: run the browser-mode host until SIGINT/SIGTERM. */
export async function runServeCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      open: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout(SERVE_HELP + '\n');
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr(
      `grantline serve: --port must be a whole number from 0 to 65535, got ${JSON.stringify(values.port)}.\n`,
    );
    return 2;
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    // A read-only or full disk: start anyway, show what is there and say why nothing saves.
    if (!isUnwritable(error)) throw error;
  }

  // Listen and print the ready line first; the app (stores, token engine, handler table and
  // their libraries) loads while the browser fetches the page, and its first call waits for it.
  let startApp = (): void => undefined;
  const app = new Promise<ComposedApp>((resolve, reject) => {
    startApp = () => void composeBrowserApp(dataDir).then(resolve, reject);
  });
  let host;
  try {
    host = await startHost({
      port,
      rendererDir: rendererDir(),
      context: app.then((composed) => composed.context),
      handlers: app.then((composed) => composed.handlers()),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(
      code === 'EADDRINUSE'
        ? `grantline serve: port ${port} is already in use; pick another with --port, or --port 0 for a free one.\n`
        : `grantline serve: could not start: ${(error as Error).message}\n`,
    );
    return 1;
  }
  // Handlers go in before the ready line: a script that reads the line and immediately signals
  // must get a clean shutdown, not the default kill.
  const stopped = new Promise<void>((done) => {
    // The listeners stay until the host is closed: a library loaded later (signal-exit, through
    // the stores' writer) re-sends the signal when it finds itself the only listener left.
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      void Promise.all([
        host.close(),
        app.then(
          (composed) => composed.close(),
          () => undefined,
        ),
      ]).then(() => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        done();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.stdout(`Grantline is running at ${host.url}\n`);
  if (values.open) {
    if (hasDisplay())
      io.stderr(
        `grantline: ${openAppWindow(host.createLaunchUrl(), join(dataDir, 'browser-profile'))}\n`,
      );
    else io.stderr('grantline: no display found; open the URL above in a browser.\n');
  }
  // A failure to start the app (an unreadable key file, a keyring error) ends the host with a
  // message here; the page's calls meanwhile say to look at this terminal.
  startApp();
  const failed = app.then(
    () => new Promise<never>(() => undefined),
    (error: unknown) => error,
  );
  const outcome = await Promise.race([stopped.then(() => undefined), failed]);
  if (outcome !== undefined) {
    io.stderr(`grantline serve: could not start: ${(outcome as Error).message}\n`);
    await host.close();
    return 1;
  }
  io.stderr('Grantline stopped.\n');
  return 0;
}

/** The browser-mode app, loaded on demand (see runServeCommand). */
async function composeBrowserApp(dataDir: string): Promise<ComposedApp> {
  const [{ composeApp }, { openJsonStore }, { browserModeProtector }] = await Promise.all([
    import('../core/composition-root.js'),
    import('../core/storage/conf-json-store.js'),
    import('./secret-protection.js'),
  ]);
  const app = composeApp({
    mode: 'browser',
    version: appVersion(),
    dataDir,
    protector: await browserModeProtector(dataDir),
    openStore: openJsonStore,
  });
  // Every store read once before the page's app:info is answered, so its notices list all problems.
  await app.ready;
  return app;
}
