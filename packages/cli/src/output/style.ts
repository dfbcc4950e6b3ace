import picocolors from 'picocolors';

/** Colours for one output stream: applied only when it is a TTY and `NO_COLOR` is unset. */
export interface Style {
  readonly enabled: boolean;
  ok(text: string): string;
  fail(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/**
 * Build the {@link Style} for a stream. Colours come from `picocolors` (any Node version; the
 * `node:util` `styleText` used before needs Node 20.12).
 */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  const enabled = stream.isTTY === true && (env['NO_COLOR'] === undefined || env['NO_COLOR'] === '') && env['TERM'] !== 'dumb';
  const colors = picocolors.createColors(enabled);
  return { enabled, ok: colors.green, fail: colors.red, warn: colors.yellow, dim: colors.dim, bold: colors.bold };
}
