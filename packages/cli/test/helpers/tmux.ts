import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { shellQuote } from '../../src/start/cli-invocation';

const run = promisify(execFile);

/**
 * Runs the command, then writes its exit status (128 + N when signal N killed it) to the file named
 * by `$0`. tmux 3.3 does not always record a dead pane's status (`#{pane_dead_status}` stays empty
 * now and then), so the status is kept here. The trap keeps the shell alive through the Ctrl-C the
 * command receives too (a trapped signal is reset to its default in the command).
 */
const RECORD_EXIT_STATUS = 'trap : INT TERM; "$@"; echo "$?" > "$0"';

/**
 * A command running in a pseudo-terminal: a detached tmux session on a private tmux server (its own
 * socket, so nothing else on the machine is touched). The screen is read with `capture-pane`.
 * The socket is a path in the temporary directory (`-S`), removed by `kill()`: `kill-server` does not
 * always unlink it, and `-L` sockets piled up in `/tmp/tmux-$UID/`.
 */
export class TmuxSession {
  readonly #name = `gatewire-test-${randomUUID().slice(0, 8)}`;
  readonly #target = 'main';
  readonly #socketPath = join(tmpdir(), `${this.#name}.tmux`);
  readonly #statusFile = join(tmpdir(), `${this.#name}.status`);

  /** Start `argv` in a `columns` × `rows` terminal with `env`; the pane stays once the command exits. */
  async start(argv: readonly string[], env: Record<string, string>, size = { columns: 120, rows: 40 }): Promise<void> {
    const assignments = Object.entries(env).map(([name, value]) => `${name}=${shellQuote(value)}`);
    const command = ['env', ...assignments, 'sh', '-c', shellQuote(RECORD_EXIT_STATUS), shellQuote(this.#statusFile), ...argv.map(shellQuote)].join(' ');
    await this.#tmux('new-session', '-d', '-s', this.#target, '-x', String(size.columns), '-y', String(size.rows), command);
    await this.#tmux('set-option', '-t', this.#target, 'remain-on-exit', 'on');
  }

  /** The visible screen, one string per row. */
  async screen(): Promise<string> {
    return (await this.#tmux('capture-pane', '-p', '-t', this.#target)).stdout;
  }

  /** Resolve with the screen once `predicate` holds for it (checked every 50 ms until `timeoutMs`). */
  async waitForScreen(predicate: (screen: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.screen();
      if (predicate(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the screen did not show what was expected within ${timeoutMs} ms; it shows:\n${last}`);
  }

  async sendKeys(...keys: string[]): Promise<void> {
    await this.#tmux('send-keys', '-t', this.#target, ...keys);
  }

  /** The exit status of the pane's command once it exited, else `undefined`. */
  async exitStatus(): Promise<number | undefined> {
    const text = await readFile(this.#statusFile, 'utf8').catch(() => '');
    return text.endsWith('\n') ? Number(text.trim()) : undefined;
  }

  /** Resolve with the exit status of the pane's command once it exited (checked every 50 ms until `timeoutMs`). */
  async waitForExit(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const status = await this.exitStatus();
      if (status !== undefined) return status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the command did not exit within ${timeoutMs} ms; the screen shows:\n${await this.screen()}`);
  }

  async kill(): Promise<void> {
    await this.#tmux('kill-server').catch(() => undefined);
    await Promise.all([rm(this.#statusFile, { force: true }), rm(this.#socketPath, { force: true })]);
  }

  #tmux(...args: string[]): Promise<{ stdout: string }> {
    return run('tmux', ['-S', this.#socketPath, '-f', '/dev/null', ...args]);
  }
}
