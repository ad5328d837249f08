import type { CliCommand } from './cli-command.js';
import { demoCommand } from './demo-command.js';
import { mockServerCommand } from './mock-server-command.js';
import { routerCommand } from './router-command.js';
import { viewCommand } from './view-command.js';

/**
 * The `llm-otel` subcommands, in the order `help` lists them. A new command is
 * one entry here plus its own `<name>-command.ts`.
 */
export const cliCommands: Record<string, CliCommand> = {
  view: viewCommand,
  demo: demoCommand,
  router: routerCommand,
  'mock-server': mockServerCommand,
  help: {
    summary: 'show this help',
    usage: '',
    async run(_args, io) {
      io.out(cliUsage());
      return 0;
    },
  },
};

export function cliUsage(): string {
  const lines = Object.entries(cliCommands).map(
    ([name, command]) => `  llm-otel ${name}${command.usage ? ` ${command.usage}` : ''}\n      ${command.summary}`,
  );
  return `Usage:\n${lines.join('\n')}\n`;
}
