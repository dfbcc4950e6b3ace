import { spawn, type ChildProcess } from 'node:child_process';
import { ChildOutput } from './child-output';
import { isRunning, killOnExit, waitForExit } from './child-exit';
import { findFreePort } from './loopback';
import { waitForProcessState } from './process-state';

/** Options of {@link RedisServer.start}. */
export interface RedisServerOptions {
  /** The port; a free one is picked (and retried if taken meanwhile) when omitted. */
  readonly port?: number;
  /** Extra `redis-server` arguments, e.g. `['--requirepass', 'secret']`. */
  readonly args?: readonly string[];
  /** How long to wait for "Ready to accept connections". @default 10000 */
  readonly readyTimeoutMs?: number;
  /** The executable. @default "redis-server" (on PATH; `.ci/system-deps` installs it) */
  readonly executable?: string;
}

const readyLine = /Ready to accept connections/;
const portTaken = /Address already in use/;

/**
 * A real `redis-server` child process on 127.0.0.1, started without persistence
 * (`--save '' --appendonly no`), so a restart comes back empty like a replaced Redis. Tests use it
 * to stop, kill, freeze (SIGSTOP) and restart Redis for real.
 */
export class RedisServer {
  readonly port: number;
  readonly #options: RedisServerOptions;
  #child: ChildProcess;
  #output: ChildOutput;

  private constructor(port: number, options: RedisServerOptions, child: ChildProcess, output: ChildOutput) {
    this.port = port;
    this.#options = options;
    this.#child = child;
    this.#output = output;
  }

  /** Start a redis-server and resolve once it accepts connections. */
  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await findFreePort());
      try {
        const { child, output } = await launch(port, options);
        return new RedisServer(port, options, child, output);
      } catch (error) {
        const retry = options.port === undefined && attempt < 5 && error instanceof Error && portTaken.test(error.message);
        if (!retry) throw error;
      }
    }
  }

  /** `redis://127.0.0.1:<port>`. */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** The process id of the current redis-server process. */
  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** Whether the current process still runs (a stopped one does). */
  get running(): boolean {
    return isRunning(this.#child);
  }

  /** The last lines redis-server logged, for failure messages. */
  get recentOutput(): string {
    return this.#output.recent;
  }

  /** Graceful stop (SIGTERM); resolves once the process has exited. */
  async stop(): Promise<void> {
    await this.#signalAndWait('SIGTERM');
  }

  /** Crash (SIGKILL); resolves once the process has exited. */
  async kill(): Promise<void> {
    await this.#signalAndWait('SIGKILL');
  }

  /**
   * Freeze the process (SIGSTOP): connections stay open but nothing is answered. Resolves once
   * the kernel reports the process stopped (read from `/proc`, so the freeze is in effect).
   */
  async pause(): Promise<void> {
    this.#child.kill('SIGSTOP');
    await waitForProcessState(this.pid, 'T');
  }

  /** Unfreeze a paused process (SIGCONT). */
  resume(): void {
    this.#child.kill('SIGCONT');
  }

  /**
   * Start a new, empty redis-server on the same port (killing the current one first if it
   * still runs), as when Redis restarts without persistence.
   */
  async restart(): Promise<void> {
    if (this.running) await this.kill();
    const { child, output } = await launch(this.port, this.#options);
    this.#child = child;
    this.#output = output;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.running) await this.kill();
  }

  async #signalAndWait(signal: NodeJS.Signals): Promise<void> {
    if (!this.running) return;
    const exited = waitForExit(this.#child);
    this.#child.kill(signal);
    if (signal !== 'SIGKILL') this.#child.kill('SIGCONT');
    await exited;
  }
}

async function launch(port: number, options: RedisServerOptions): Promise<{ child: ChildProcess; output: ChildOutput }> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...(options.args ?? [])];
  const child = spawn(options.executable ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  killOnExit(child);
  const output = new ChildOutput(child);
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`redis-server could not start (${error.message}); run .ci/system-deps to install it`))),
  );
  spawnFailed.catch(() => undefined);
  try {
    await Promise.race([
      output.waitForLine(child, (line) => (readyLine.test(line) ? true : undefined), options.readyTimeoutMs ?? 10_000, `redis-server on port ${port}`),
      spawnFailed,
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, output };
}
