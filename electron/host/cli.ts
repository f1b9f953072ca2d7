import { appVersion } from './paths.js';
import { processIo, type CliIo } from './cli-io.js';
import { runDecodeCommand } from '../core/jwt/decode-command.js';
import { runServeCommand } from './serve-command.js';
import { runTokenCommand } from './token-command.js';

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

const commands: Record<string, Command> = {
  serve: runServeCommand,
  token: runTokenCommand,
  decode: runDecodeCommand,
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
  const command = commands[first];
  if (!command) {
    io.stderr(
      `grantline: unknown command ${JSON.stringify(first)}. Run "grantline --help" for the list.\n`,
    );
    return 2;
  }
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
