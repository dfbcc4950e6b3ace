import { styleFor, type Style } from './style';

/** Where a command writes: injectable so tests capture output without a child process. */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly style: Style;
  readonly env: NodeJS.ProcessEnv;
}

/** The process's own stdout/stderr. */
export function processIo(): CommandIo {
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    style: styleFor(process.stdout),
    env: process.env,
  };
}

/** Print a value as pretty JSON (for `--json`). */
export function printJson(io: CommandIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}
