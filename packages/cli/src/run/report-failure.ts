import { CliError } from '../config/errors';
import { ExitCodes } from '../exit-codes';
import type { CommandIo } from '../output/io';

/** What `--json` prints on stdout when a command fails. */
export interface JsonFailure {
  readonly ok: false;
  readonly error: { readonly code: string; readonly message: string; readonly exitCode: number };
}

/**
 * Report a failure: a line on stderr (always), and with `--json` also
 * `{"ok":false,"error":{"code","message","exitCode"}}` on stdout, so scripts that parse stdout
 * always get JSON. `printed` is set when commander already wrote the message. Returns the exit code.
 */
export function reportFailure(io: CommandIo, error: unknown, json: boolean, printed = false): number {
  const failure = error instanceof CliError ? error : new CliError(error instanceof Error ? error.message : String(error), ExitCodes.FAILURE, { cause: error });
  if (!printed) io.err(`${io.style.fail('error:')} ${failure.message}`);
  if (json) {
    const body: JsonFailure = { ok: false, error: { code: failure.code, message: failure.message, exitCode: failure.exitCode } };
    io.out(JSON.stringify(body));
  }
  return failure.exitCode;
}
