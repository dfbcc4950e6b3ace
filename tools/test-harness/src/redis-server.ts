import { findFreePort } from './loopback';
import { OwnedProcess, spawnOwned, type SpawnedChild } from './owned-process';
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
export class RedisServer extends OwnedProcess {
  readonly port: number;
  readonly #options: RedisServerOptions;

  private constructor(port: number, options: RedisServerOptions, spawned: SpawnedChild) {
    super(spawned);
    this.port = port;
    this.#options = options;
  }

  /** Start a redis-server and resolve once it accepts connections. */
  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await findFreePort());
      try {
        return new RedisServer(port, options, await launch(port, options));
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

  /** Graceful stop (SIGTERM); resolves once the process has exited. */
  async stop(): Promise<void> {
    await this.signalAndWait('SIGTERM');
  }

  /**
   * Freeze the process (SIGSTOP): connections stay open but nothing is answered. Resolves once
   * the kernel reports the process stopped (read from `/proc`, so the freeze is in effect).
   */
  async pause(): Promise<void> {
    this.signal('SIGSTOP');
    await waitForProcessState(this.pid, 'T');
  }

  /** Unfreeze a paused process (SIGCONT). */
  resume(): void {
    this.signal('SIGCONT');
  }

  /**
   * Start a new, empty redis-server on the same port (killing the current one first if it
   * still runs), as when Redis restarts without persistence.
   */
  async restart(): Promise<void> {
    await this.kill();
    this.replace(await launch(this.port, this.#options));
  }
}

async function launch(port: number, options: RedisServerOptions): Promise<SpawnedChild> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...(options.args ?? [])];
  const { child, output } = spawnOwned(options.executable ?? 'redis-server', args);
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
