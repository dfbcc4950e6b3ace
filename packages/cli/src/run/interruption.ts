import { constants } from 'node:os';
import type { Command } from 'commander';
import { CliError } from '../config/errors';

const longRunning = new WeakSet<Command>();

/**
 * Mark a command that handles the stop signal itself (`start` stops the gateway gracefully,
 * `monitor` stops watching); every other command is cut short by the first SIGINT/SIGTERM.
 */
export function handlesStopSignal(command: Command): Command {
  longRunning.add(command);
  return command;
}

/** Whether `command` handles the stop signal itself. */
export function isLongRunning(command: Command | undefined): boolean {
  return command !== undefined && longRunning.has(command);
}

/** The conventional exit code of a process stopped by `signal`: 128 + its number (SIGINT 130, SIGTERM 143). */
export function signalExitCode(signal: unknown): number {
  const number = typeof signal === 'string' ? (constants.signals as Record<string, number | undefined>)[signal] : undefined;
  return 128 + (number ?? constants.signals.SIGINT);
}

/**
 * Resolves with an "interrupted" {@link CliError} when `stopSignal` aborts while a one-shot command
 * runs (`current()` says which command runs; long-running ones are left to stop by themselves).
 */
export function interruption(stopSignal: AbortSignal, current: () => Command | undefined): { promise: Promise<CliError>; dispose: () => void } {
  let dispose = () => {};
  const promise = new Promise<CliError>((resolve) => {
    const onAbort = () => {
      if (isLongRunning(current())) return;
      const signal = typeof stopSignal.reason === 'string' ? stopSignal.reason : 'SIGINT';
      resolve(new CliError(`interrupted by ${signal}`, signalExitCode(signal), { code: signal === 'SIGTERM' ? 'TERMINATED' : 'INTERRUPTED' }));
    };
    if (stopSignal.aborted) return onAbort();
    stopSignal.addEventListener('abort', onAbort, { once: true });
    dispose = () => stopSignal.removeEventListener('abort', onAbort);
  });
  return { promise, dispose: () => dispose() };
}
