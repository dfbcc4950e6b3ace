import type { ChildProcess } from 'node:child_process';

/** How many of a child's last output lines are kept for error messages. */
export const keptOutputLines = 40;

/**
 * Reads a child's stdout and stderr line by line for its whole life (so its pipes never fill
 * and block it), keeps the last {@link keptOutputLines} lines for error messages, and lets a test
 * wait for a stdout line.
 */
export class ChildOutput {
  readonly #recent: string[] = [];
  readonly #waiters = new Set<(line: string) => boolean>();
  readonly #partial = { stdout: '', stderr: '' };

  constructor(child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => this.#onChunk('stdout', chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.#onChunk('stderr', chunk));
  }

  /** The last output lines, stdout and stderr interleaved, oldest first. */
  get recent(): string {
    return this.#recent.join('\n');
  }

  /**
   * Resolves the first stdout line (from now on) that `match` maps to a value other than
   * `undefined`. Rejects if `child` ends first (after its last output was read) or after `timeoutMs`, quoting the last output.
   */
  waitForLine<T>(child: ChildProcess, match: (line: string) => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter = (line: string) => {
        let matched: T | undefined;
        try {
          matched = match(line);
        } catch (error) {
          cleanup();
          reject(error instanceof Error ? error : new Error(String(error)));
          return true;
        }
        if (matched === undefined) return false;
        cleanup();
        resolve(matched);
        return true;
      };
      const onClose = (code: number | null, signal: NodeJS.Signals | null) =>
        fail(`exited (code ${code}, signal ${signal}) before printing the expected line`);
      const timer = setTimeout(() => fail(`no expected line after ${timeoutMs} ms`), timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        child.off('close', onClose);
      };
      const fail = (reason: string) => {
        cleanup();
        reject(new Error(`${what}: ${reason}; last output:\n${this.recent}`));
      };
      this.#waiters.add(waiter);
      child.once('close', onClose);
    });
  }

  #onChunk(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    const lines = (this.#partial[stream] + chunk.toString('utf8')).split('\n');
    this.#partial[stream] = lines.pop() ?? '';
    for (const line of lines) {
      this.#recent.push(line);
      if (this.#recent.length > keptOutputLines) this.#recent.shift();
      if (stream === 'stdout') for (const waiter of this.#waiters) waiter(line);
    }
  }
}
