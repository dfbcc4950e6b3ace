import type { TerminalOutput } from '../output/io';

/*
 * The four VT100/xterm control sequences a full-screen view needs, written out rather than taken
 * from a package: `log-update` and `ansi-escapes` are ESM-only (this CLI also ships CommonJS), and
 * the sequences are fixed by the terminal standards. Colours come from picocolors.
 */
const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';
const CURSOR_HOME = '\u001b[H';
const CLEAR_TO_END_OF_LINE = '\u001b[K';
const CLEAR_BELOW = '\u001b[J';

/**
 * A full-screen view on the terminal's alternate screen (the shell's scrollback is left as it was):
 * each {@link TerminalScreen.draw} repaints from the top left, line by line, without clearing first,
 * so the picture does not flicker.
 */
export class TerminalScreen {
  readonly #terminal: TerminalOutput;
  #open = false;

  constructor(terminal: TerminalOutput) {
    this.#terminal = terminal;
  }

  get columns(): number {
    return this.#terminal.columns();
  }

  get rows(): number {
    return this.#terminal.rows();
  }

  open(): void {
    if (this.#open) return;
    this.#open = true;
    this.#terminal.write(ENTER_ALTERNATE_SCREEN + HIDE_CURSOR);
  }

  draw(lines: readonly string[]): void {
    if (!this.#open) return;
    this.#terminal.write(`${CURSOR_HOME}${lines.map((line) => line + CLEAR_TO_END_OF_LINE).join('\r\n')}${CLEAR_BELOW}`);
  }

  /** Back to the shell's screen, cursor shown. */
  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#terminal.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
  }
}
