import { appVersion } from './paths.js';
import { processIo, type CliIo } from './cli-io.js';

const HELP = `Usage: grantline <command> [options]

Grantline: service-account tokens without the curl and base64.

Commands:
  serve     run Grantline in your browser (browser mode)   grantline serve --help
  token     get an access token for scripts                grantline token --help
  decode    decode, explain and verify a JWT               grantline decode --help

Options:
  -h, --help      show this help
  -v, --version   print the version`;

type Command = (argv: string[], io: CliIo) => Promise<number>;

// Loaded on demand: `--version` or `decode` should not pay for the whole host's start-up.
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve-command.js')).runServeCommand,
  token: async () => (await import('./token-command.js')).runTokenCommand,
  decode: async () => (await import('../core/jwt/decode-command.js')).runDecodeCommand,
};

/** Entry point of the `grantline` binary; returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.stdout(HELP + '\n');
    return first === undefined ? 2 : 0;
  }
  if (first === '-v' || first === '--version') {
    io.stdout(appVersion() + '\n');
    return 0;
  }
  const load = commands[first];
  if (!load) {
    io.stderr(
      `grantline: unknown command ${JSON.stringify(first)}. Run "grantline --help" for the list.\n`,
    );
    return 2;
  }
  const command = await load();
  try {
    return await command(rest, io);
  } catch (error) {
    // parseArgs errors are user mistakes: say which option and how to get help.
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(
        `grantline ${first}: ${(error as Error).message}. Run "grantline ${first} --help".\n`,
      );
      return 2;
    }
    throw error;
  }
}
