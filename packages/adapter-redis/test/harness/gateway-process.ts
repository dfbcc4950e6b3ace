import { spawn, type ChildProcess } from 'node:child_process';
import { ChildOutput, isRunning, killOnExit, waitForExit, type ChildExit } from '@gatewire/test-harness';

/**
 * The line a gateway script prints on stdout once it listens: this prefix, then a JSON object
 * with at least `port`, e.g. `gatewire-test-ready {"port":41234}`.
 */
export const readyLinePrefix = 'gatewire-test-ready ';

/** What a gateway script reports in its ready line. */
export interface GatewayReady {
  /** The TCP port its WebSocket listens on. */
  readonly port: number;
  /** Anything else the script chose to report (a gateway id, …). */
  readonly [key: string]: unknown;
}

/** Options of {@link GatewayProcess.start}. */
export interface GatewayProcessOptions {
  /** Path of the Node script (plain JavaScript, `.mjs`) that starts the gateway. */
  readonly script: string;
  /**
   * JSON-serialisable options handed to the script as its first argument (`process.argv[2]`).
   * @default {}
   */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>;
  /** How long to wait for the ready line. @default 15000 */
  readonly readyTimeoutMs?: number;
}

/**
 * A gateway running in its own Node process, so that a test can kill it for real (SIGKILL: no
 * close frame, no cleanup, leases left to expire) or stop it gracefully (SIGTERM: the script
 * closes its gateway and exits).
 */
export class GatewayProcess {
  readonly ready: GatewayReady;
  readonly #child: ChildProcess;
  readonly #output: ChildOutput;

  private constructor(child: ChildProcess, output: ChildOutput, ready: GatewayReady) {
    this.#child = child;
    this.#output = output;
    this.ready = ready;
  }

  /** Spawn the script and resolve once it printed its ready line. */
  static async start(options: GatewayProcessOptions): Promise<GatewayProcess> {
    const child = spawn(process.execPath, [options.script, JSON.stringify(options.options ?? {})], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    killOnExit(child);
    const output = new ChildOutput(child);
    try {
      const ready = await output.waitForLine(child, parseReadyLine, options.readyTimeoutMs ?? 15_000, `gateway script ${options.script}`);
      return new GatewayProcess(child, output, ready);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  }

  /** The gateway's port. */
  get port(): number {
    return this.ready.port;
  }

  /** `ws://127.0.0.1:<port>/`. */
  get url(): string {
    return `ws://127.0.0.1:${this.port}/`;
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  get running(): boolean {
    return isRunning(this.#child);
  }

  /** The last lines the script printed, for failure messages. */
  get recentOutput(): string {
    return this.#output.recent;
  }

  /** Wait for a stdout line the script prints later (e.g. a marker after some work). */
  waitForLine<T>(match: (line: string) => T | undefined, timeoutMs = 15_000): Promise<T> {
    return this.#output.waitForLine(this.#child, match, timeoutMs, `gateway process ${this.pid}`);
  }

  /** Crash the gateway (SIGKILL); resolves once the process is gone. */
  kill(): Promise<ChildExit> {
    return this.#signalAndWait('SIGKILL');
  }

  /** Ask the gateway to shut down (SIGTERM); resolves with how the process ended. */
  terminate(): Promise<ChildExit> {
    return this.#signalAndWait('SIGTERM');
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.kill();
  }

  #signalAndWait(signal: NodeJS.Signals): Promise<ChildExit> {
    const exited = waitForExit(this.#child);
    if (this.running) this.#child.kill(signal);
    return exited;
  }
}

/** The {@link GatewayReady} of a ready line, or `undefined` for any other line. */
export function parseReadyLine(line: string): GatewayReady | undefined {
  if (!line.startsWith(readyLinePrefix)) return undefined;
  const ready = JSON.parse(line.slice(readyLinePrefix.length)) as { port?: unknown };
  if (typeof ready.port !== 'number') throw new Error(`ready line without a numeric port: ${line}`);
  return ready as GatewayReady;
}
