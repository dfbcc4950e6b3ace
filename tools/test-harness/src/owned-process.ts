import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { ChildOutput } from './child-output';
import { isRunning, killOnExit, waitForExit, type ChildExit } from './child-exit';

/** A spawned child with its output reader (the pair an {@link OwnedProcess} holds). */
export interface SpawnedChild {
  readonly child: ChildProcess;
  readonly output: ChildOutput;
}

/**
 * Spawn `command` with stdout and stderr piped and read line by line, killed (SIGKILL) if the
 * test process exits while it still runs.
 */
export function spawnOwned(command: string, args: readonly string[], options: Omit<SpawnOptions, 'stdio'> = {}): SpawnedChild {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  killOnExit(child);
  return { child, output: new ChildOutput(child) };
}

/**
 * A child process a test owns (a redis-server, a gateway script): its pid, whether it runs, its
 * last output lines, and signals that resolve once it has exited. `RedisServer` and the cluster
 * tests' `GatewayProcess` extend it.
 */
export abstract class OwnedProcess {
  #child: ChildProcess;
  #output: ChildOutput;

  protected constructor(spawned: SpawnedChild) {
    this.#child = spawned.child;
    this.#output = spawned.output;
  }

  /** The process id of the current process. */
  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** Whether the current process still runs (a stopped one does). */
  get running(): boolean {
    return isRunning(this.#child);
  }

  /** The last lines the process printed (stdout and stderr), for failure messages. */
  get recentOutput(): string {
    return this.#output.recent;
  }

  /** Crash the process (SIGKILL); resolves once it is gone. */
  kill(): Promise<ChildExit> {
    return this.signalAndWait('SIGKILL');
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.kill();
  }

  /** Replace the process (a restart), once the old one has exited. */
  protected replace(spawned: SpawnedChild): void {
    this.#child = spawned.child;
    this.#output = spawned.output;
  }

  /** Resolves the first stdout line from now on that `match` maps to a value other than `undefined`. */
  protected waitForOutputLine<T>(match: (line: string) => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return this.#output.waitForLine(this.#child, match, timeoutMs, what);
  }

  /** Send `signal` (then SIGCONT, so a stopped process acts on it) and resolve once the process has exited. */
  protected signalAndWait(signal: NodeJS.Signals): Promise<ChildExit> {
    const exited = waitForExit(this.#child);
    if (this.running) {
      this.#child.kill(signal);
      if (signal !== 'SIGKILL') this.#child.kill('SIGCONT');
    }
    return exited;
  }

  /** Send `signal` without waiting (SIGSTOP, SIGCONT). */
  protected signal(signal: NodeJS.Signals): void {
    this.#child.kill(signal);
  }
}
