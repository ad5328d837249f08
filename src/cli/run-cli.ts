import { CliUsageError, type CliIo } from './cli-command.js';
import { cliCommands, cliUsage } from './commands.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';

/** Exit code for bad usage, as in most Unix tools (and bash builtins). */
const EXIT_USAGE = 2;

/**
 * Dispatches `argv` (without node and script path) to a subcommand and
 * resolves with the exit code. Kept apart from main.ts so it can be tested
 * without spawning a process or touching signal handlers.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name = 'help', ...args] = argv;
  if (name === '--help' || name === '-h') return cliCommands.help!.run([], io);
  if (name === '--version' || name === '-V') {
    io.out(`${PACKAGE_NAME} ${PACKAGE_VERSION}\n`);
    return 0;
  }

  const command = Object.hasOwn(cliCommands, name) ? cliCommands[name] : undefined;
  if (!command) {
    io.err(`llm-otel: unknown command '${name}'\n\n${cliUsage()}`);
    return EXIT_USAGE;
  }
  // `--help` anywhere among a command's arguments asks for help, not a run (as git and npm read it).
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.help?.() ?? `Usage: llm-otel ${name} ${command.usage}\n\n${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.err(`llm-otel ${name}: ${error.message}\nUsage: llm-otel ${name} ${command.usage}\n`);
      return EXIT_USAGE;
    }
    io.err(`llm-otel ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
