import { styleFor, type Style } from './style';

/** Where a command writes: injectable so tests capture output without a child process. */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly style: Style;
  readonly env: NodeJS.ProcessEnv;
  /** Set when stdout is a terminal: what a full-screen view (the `monitor` dashboard) draws on. */
  readonly terminal?: TerminalOutput | undefined;
}

/** A terminal to draw on. */
export interface TerminalOutput {
  columns(): number;
  rows(): number;
  /** Write raw text (escape sequences included), no newline added. */
  write(text: string): void;
  /** Call `listener` when the terminal is resized; returns the unsubscribe function. */
  onResize(listener: () => void): () => void;
}

/** The process's own stdout/stderr. */
export function processIo(): CommandIo {
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    style: styleFor(process.stdout),
    env: process.env,
    terminal: process.stdout.isTTY ? processTerminal(process.stdout) : undefined,
  };
}

function processTerminal(stdout: NodeJS.WriteStream): TerminalOutput {
  return {
    columns: () => stdout.columns || 80,
    rows: () => stdout.rows || 24,
    write: (text) => void stdout.write(text),
    onResize: (listener) => {
      stdout.on('resize', listener);
      return () => stdout.off('resize', listener);
    },
  };
}

/** Print a value as pretty JSON (for `--json`). */
export function printJson(io: CommandIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}
