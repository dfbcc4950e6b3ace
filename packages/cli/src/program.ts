import { Command, CommanderError } from 'commander';
import { CliError } from './config/errors';
import { resolveHome } from './config/home';
import type { CommandContext } from './context';
import { registerAdmin } from './commands/admin-commands';
import { registerCall } from './commands/call-command';
import { registerDevices } from './commands/devices-command';
import { registerDoctor } from './commands/doctor-command';
import { registerMonitor } from './commands/monitor-command';
import { registerService } from './commands/service-command';
import { registerStart } from './commands/start-command';
import { registerStatus } from './commands/status-command';
import { ExitCodes } from './exit-codes';
import { processIo, type CommandIo } from './output/io';
import { CLI_VERSION } from './version';

/** Build the `gatewire` command tree. */
export function buildProgram(context: CommandContext): Command {
  const program = new Command('gatewire')
    .description('Gatewire gateway: run it, check it, operate it.')
    .version(CLI_VERSION, '-v, --version')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => context.io.out(text.trimEnd()), writeErr: (text) => context.io.err(text.trimEnd()) })
    .addHelpText(
      'after',
      `
Exit codes: 0 ok, 1 failure, 2 usage, 3 config, 4 gateway unreachable, 5 auth refused, 6 request failed.
Environment: GATEWIRE_HOME (default ~/.gatewire), GATEWIRE_URL, GATEWIRE_TOKEN, GATEWIRE_PASSWORD, NO_COLOR.`,
    );
  registerStart(program, context);
  registerStatus(program, context);
  registerMonitor(program, context);
  registerCall(program, context);
  registerDevices(program, context);
  registerAdmin(program, context);
  registerDoctor(program, context);
  registerService(program, context);
  return program;
}

/** Run the CLI; resolves with the exit code (never throws). */
export async function main(argv: readonly string[], io: CommandIo = processIo(), stopSignal: AbortSignal = new AbortController().signal): Promise<number> {
  const context: CommandContext = { io, home: resolveHome(io.env), version: CLI_VERSION, stopSignal };
  const program = buildProgram(context);
  process.exitCode = undefined;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCodes.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? ExitCodes.OK : ExitCodes.USAGE;
    }
    if (error instanceof CliError) {
      io.err(`${io.style.fail('error:')} ${error.message}`);
      return error.exitCode;
    }
    io.err(`${io.style.fail('error:')} ${error instanceof Error ? error.message : String(error)}`);
    return ExitCodes.FAILURE;
  } finally {
    process.exitCode = undefined;
  }
}
