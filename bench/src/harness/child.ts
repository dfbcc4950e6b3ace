import { spawn, type ChildProcess } from 'node:child_process';

/** A child process (server under test or load generator) with a typed IPC mailbox. */

export interface SpawnOptions {
  /** The built program (absolute path). */
  readonly script: string;
  /** Passed as argv[2], JSON. */
  readonly config: object;
  readonly nodeArgs?: readonly string[];
  /** Raise `ulimit -n` to this in the child (through `bash -c 'ulimit -n N; exec node …'`). */
  readonly fileDescriptorLimit?: number | undefined;
  readonly label: string;
}

/** Environment of every child: the same `ws` code paths for every system (no native add-ons). */
const CHILD_ENV = { WS_NO_BUFFER_UTIL: '1', WS_NO_UTF_8_VALIDATE: '1', NODE_ENV: 'production' };

export class Child<Incoming extends { kind: string }, Outgoing extends object> {
  readonly label: string;
  readonly #process: ChildProcess;
  readonly #queue: Incoming[] = [];
  #waiters: Array<() => void> = [];
  #exited = false;
  #exitDescription = '';

  constructor(options: SpawnOptions) {
    this.label = options.label;
    const nodeArgv = [...(options.nodeArgs ?? []), options.script, JSON.stringify(options.config)];
    const stdio: ['ignore', 'ignore', 'inherit', 'ipc'] = ['ignore', 'ignore', 'inherit', 'ipc'];
    const env = { ...process.env, ...CHILD_ENV };
    this.#process =
      options.fileDescriptorLimit === undefined
        ? spawn(process.execPath, nodeArgv, { stdio, env })
        : spawn('bash', ['-c', `ulimit -n ${options.fileDescriptorLimit} && exec "$0" "$@"`, process.execPath, ...nodeArgv], { stdio, env });
    this.#process.on('message', (message) => {
      this.#queue.push(message as Incoming);
      this.#wake();
    });
    // A message to a child that is exiting fails with EPIPE; the exit is what matters, not the error.
    this.#process.on('error', () => {});
    this.#process.on('exit', (code, signal) => {
      this.#exited = true;
      this.#exitDescription = signal === null ? `exit code ${String(code)}` : `signal ${signal}`;
      this.#wake();
    });
  }

  /** Send a message; a child that is already gone or going does not receive it (and that is not an error). */
  send(message: Outgoing): void {
    if (this.#exited || !this.#process.connected) return;
    try {
      this.#process.send(message, () => {});
    } catch {
      // The channel closed between the check and the write.
    }
  }

  /** The next message of `kind` (earlier messages of other kinds stay queued). Rejects on timeout or exit. */
  async next<K extends Incoming['kind']>(kind: K, timeoutMs: number): Promise<Extract<Incoming, { kind: K }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const failure = this.#queue.findIndex((message) => message.kind === 'error');
      if (failure >= 0) throw new Error(`${this.label}: ${JSON.stringify(this.#queue[failure])}`);
      const index = this.#queue.findIndex((message) => message.kind === kind);
      if (index >= 0) return this.#queue.splice(index, 1)[0] as Extract<Incoming, { kind: K }>;
      if (this.#exited) throw new Error(`${this.label} exited (${this.#exitDescription}) before sending "${kind}"`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`${this.label}: no "${kind}" within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Ask the child to stop (with `stopMessage`), then kill it if it has not exited after `graceMs`. */
  async stop(stopMessage: Outgoing | undefined, graceMs = 3000): Promise<void> {
    if (this.#exited) return;
    if (stopMessage !== undefined) this.send(stopMessage);
    const exited = new Promise<void>((resolve) => this.#process.once('exit', () => resolve()));
    const timer = setTimeout(() => this.#process.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter();
  }
}
