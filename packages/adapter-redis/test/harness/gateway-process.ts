import { OwnedProcess, spawnOwned, type ChildExit, type SpawnedChild } from '@gatewire/test-harness';

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
 * A gateway running in its own Node process, so that a test can kill it for real (`kill()`:
 * SIGKILL, no close frame, no cleanup, leases left to expire) or stop it gracefully (SIGTERM: the
 * script closes its gateway and exits). `pid`, `running`, `recentOutput` and `kill()` come from
 * {@link OwnedProcess}.
 */
export class GatewayProcess extends OwnedProcess {
  readonly ready: GatewayReady;

  private constructor(spawned: SpawnedChild, ready: GatewayReady) {
    super(spawned);
    this.ready = ready;
  }

  /** Spawn the script and resolve once it printed its ready line. */
  static async start(options: GatewayProcessOptions): Promise<GatewayProcess> {
    const spawned = spawnOwned(process.execPath, [options.script, JSON.stringify(options.options ?? {})], { env: { ...process.env, ...options.env } });
    try {
      const ready = await spawned.output.waitForLine(spawned.child, parseReadyLine, options.readyTimeoutMs ?? 15_000, `gateway script ${options.script}`);
      return new GatewayProcess(spawned, ready);
    } catch (error) {
      spawned.child.kill('SIGKILL');
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

  /** Wait for a stdout line the script prints later (e.g. a marker after some work). */
  waitForLine<T>(match: (line: string) => T | undefined, timeoutMs = 15_000): Promise<T> {
    return this.waitForOutputLine(match, timeoutMs, `gateway process ${this.pid}`);
  }

  /** Ask the gateway to shut down (SIGTERM); resolves with how the process ended. */
  terminate(): Promise<ChildExit> {
    return this.signalAndWait('SIGTERM');
  }
}

/** The {@link GatewayReady} of a ready line, or `undefined` for any other line. */
export function parseReadyLine(line: string): GatewayReady | undefined {
  if (!line.startsWith(readyLinePrefix)) return undefined;
  const ready = JSON.parse(line.slice(readyLinePrefix.length)) as { port?: unknown };
  if (typeof ready.port !== 'number') throw new Error(`ready line without a numeric port: ${line}`);
  return ready as GatewayReady;
}
