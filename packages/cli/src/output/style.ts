import { styleText } from 'node:util';

type Format = Parameters<typeof styleText>[0];

/** Colours for one output stream: applied only when it is a TTY and `NO_COLOR` is unset. */
export interface Style {
  readonly enabled: boolean;
  ok(text: string): string;
  fail(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/** Build the {@link Style} for a stream. */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  const enabled = stream.isTTY === true && (env['NO_COLOR'] === undefined || env['NO_COLOR'] === '') && env['TERM'] !== 'dumb';
  const paint = (format: Format) => (text: string) => (enabled ? styleText(format, text) : text);
  return { enabled, ok: paint('green'), fail: paint('red'), warn: paint('yellow'), dim: paint('dim'), bold: paint('bold') };
}
