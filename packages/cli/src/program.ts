import { Command, CommanderError } from 'commander';
import { CliError } from './config/errors';
import { interruption } from './run/interruption';
import { reportFailure } from './run/report-failure';
import { resolveHome } from './config/home';
import type { CommandContext } from './context';
import { registerAdmin } from './commands/admin-commands';
import { registerCall } from './commands/call-command';
import { registerDevices } from './commands/devices-command';
import { registerDoctor } from './commands/doctor-command';
import { registerMonitor } from './commands/monitor-command';
import { registerNodes } from './commands/nodes-command';
import { registerService } from './commands/service-command';
import { registerStart } from './commands/start-command';
import { registerStatus } from './commands/status-command';
import { ExitCodes } from './exit-codes';
import { processIo, type CommandIo } from './output/io';
import { CLI_VERSION } from './version';

/** Every command, in the order `--help` lists them: a new command is one more register function here. */
const COMMANDS: ReadonlyArray<(program: Command, context: CommandContext) => void> = [
  registerStart,
  registerStatus,
  registerMonitor,
  registerCall,
  registerDevices,
  registerNodes,
  registerAdmin,
  registerDoctor,
  registerService,
];

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
Exit codes: 0 ok, 1 failure, 2 usage, 3 config, 4 gateway unreachable, 5 auth refused, 6 request failed,
130/143 interrupted by SIGINT/SIGTERM. With --json, a failure prints {"ok":false,"error":{"code","message","exitCode"}} on stdout.
Environment: GATEWIRE_HOME (default ~/.gatewire), GATEWIRE_URL, GATEWIRE_TOKEN, GATEWIRE_PASSWORD, NO_COLOR.`,
    );
  for (const register of COMMANDS) register(program, context);
  return program;
}

/** Run the CLI; resolves with the exit code (never throws). The first abort of `stopSignal` ends a one-shot command (exit 130/143). */
export async function main(argv: readonly string[], io: CommandIo = processIo(), stopSignal: AbortSignal = new AbortController().signal): Promise<number> {
  const context: CommandContext = { io, home: resolveHome(io.env), version: CLI_VERSION, stopSignal };
  const program = buildProgram(context);
  let actionCommand: Command | undefined;
  program.hook('preAction', (_program, command) => {
    actionCommand = command;
  });
  const wantsJson = () => (actionCommand === undefined ? argv.includes('--json') : actionCommand.opts()['json'] === true);
  const interrupted = interruption(stopSignal, () => actionCommand);
  process.exitCode = undefined;
  try {
    const outcome = await Promise.race([program.parseAsync([...argv], { from: 'user' }).then(() => undefined), interrupted.promise]);
    if (outcome instanceof CliError) return reportFailure(io, outcome, wantsJson());
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCodes.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCodes.OK;
      if (error.code === 'commander.help' && error.exitCode === 0) return ExitCodes.OK;
      const message = error.code === 'commander.help' ? 'a command is required (see the list above)' : error.message.replace(/^error: /, '');
      return reportFailure(io, new CliError(message, ExitCodes.USAGE, { code: 'USAGE' }), wantsJson(), error.code !== 'commander.help');
    }
    return reportFailure(io, error, wantsJson());
  } finally {
    interrupted.dispose();
    process.exitCode = undefined;
  }
}
