// The commander program: every command registered, exit codes that mean something.
import { Command, CommanderError } from 'commander';
import { DataFileInUseError } from '../store/index.js';
import { VERSION } from '../version.js';
import { registerAdminCommands } from './admin-commands.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { registerHcimCommands } from './hcim-command.js';
import { registerLaunchCommands } from './launch-command.js';
import { registerOceanCommands } from './ocean-command.js';
import { registerOpenApiCommand } from './openapi-command.js';
import { registerPartnerCertCommand } from './partner-cert-command.js';
import { registerPlrCommands } from './plr-command.js';
import { registerScenarioCommands } from './scenario-command.js';
import { registerSeedCommand } from './seed-command.js';
import { registerStartCommand } from './start-command.js';

export function createProgram(): Command {
  const program = new Command('hie-sandbox')
    .description('Ocean eReferral, BC PLR and HCIM simulated on localhost')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerStartCommand(program);
  registerAdminCommands(program);
  registerPartnerCertCommand(program);
  registerSeedCommand(program);
  registerLaunchCommands(program);
  registerOceanCommands(program);
  registerScenarioCommands(program);
  registerPlrCommands(program);
  registerHcimCommands(program);
  registerOpenApiCommand(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI and returns the exit code: 0 ok, 1 failure, 2 usage error. */
export async function runCli(argv: string[], write: (text: string) => void = (t) => process.stderr.write(t)): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE;
    }
    if (err instanceof UsageError || err instanceof DataFileInUseError) {
      write(`hie-sandbox: ${err.message}\n`);
      return EXIT_USAGE;
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      write(`hie-sandbox: the port is already in use (${e.message}); stop the other process or pass --port\n`);
      return EXIT_USAGE;
    }
    write(`hie-sandbox: ${e.message ?? String(err)}\n`);
    return EXIT_FAILURE;
  }
}
