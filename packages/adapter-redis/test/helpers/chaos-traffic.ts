import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GatewayClient, GatewayRequestError } from '@gatewire/client/node';
import type { ClientRecord, SeededRandom } from '@gatewire/test-harness';

/** The shared token of the chaos gateways. */
export const CHAOS_TOKEN = 'chaos-test-token';

/** A resumable SDK client (reconnecting through the balancer) that records what a checker needs. */
export class RecordingClient {
  readonly name: string;
  readonly client: GatewayClient;
  /** `app.note` ids (no `seq`: a resumed stream continues the old connection's numbers), `gap` and `resync`, in order. */
  readonly records: ClientRecord[] = [];
  readonly resyncReasons: string[] = [];
  /** Handshakes completed (1 + reconnects). */
  hellos = 0;
  readonly #received = new Set<string>();
  readonly #waiters = new Map<string, () => void>();

  constructor(name: string, url: string, random: SeededRandom) {
    this.name = name;
    this.client = new GatewayClient({
      url,
      auth: { token: CHAOS_TOKEN },
      scopes: ['operator.admin'],
      requestTimeoutMs: 15_000,
      reconnect: { initialDelayMs: 100, maxDelayMs: 500, random: () => random.next() },
    });
    this.client.on('hello', () => {
      this.hellos += 1;
    });
    this.client.on('gap', () => this.records.push({ kind: 'gap' }));
    this.client.on('resync', (context) => {
      this.records.push({ kind: 'resync' });
      this.resyncReasons.push(context.reason);
    });
    this.client.on('event', (event) => {
      if (event.event !== 'app.note') return;
      const id = (event.payload as { id: string }).id;
      this.records.push({ kind: 'event', id, seq: undefined });
      this.#received.add(id);
      this.#waiters.get(id)?.();
    });
  }

  /** Resolves once `id` arrived (or had arrived). */
  received(id: string): Promise<void> {
    if (this.#received.has(id)) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.set(id, resolve));
  }
}

/**
 * Call `method` until it succeeds, as an application retries a keyed call: again after a dropped
 * connection, a timeout or a retryable error (after `retryAfterMs` when given). A non-retryable
 * gateway error is thrown.
 */
export async function callUntilDone(client: GatewayClient, method: string, params: object): Promise<unknown> {
  for (;;) {
    try {
      return await client.request(method as never, params as never);
    } catch (error) {
      if (error instanceof GatewayRequestError && !error.retryable) throw error;
      const delayMs = error instanceof GatewayRequestError ? (error.retryAfterMs ?? 50) : 50;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/** Keyed `app.work` calls, one after the other, each retried until it succeeds, until stopped. */
export class KeyedWorker {
  /** The keys whose call succeeded. */
  readonly completed: string[] = [];
  #stopped = false;
  readonly #done: Promise<void>;
  #onCompleted: (() => void) | undefined;

  constructor(client: RecordingClient) {
    this.#done = this.#run(client);
  }

  /** Finish the call in progress, then stop; rejects if a call failed for good. */
  stop(): Promise<void> {
    this.#stopped = true;
    return this.#done;
  }

  /** Resolves once more than `count` calls succeeded. */
  async completedMoreThan(count: number): Promise<void> {
    while (this.completed.length <= count) await new Promise<void>((resolve) => (this.#onCompleted = resolve));
  }

  async #run(client: RecordingClient): Promise<void> {
    for (let index = 0; !this.#stopped; index++) {
      const idempotencyKey = `${client.name}-work-${index}`;
      await callUntilDone(client.client, 'app.work', { idempotencyKey });
      this.completed.push(idempotencyKey);
      this.#onCompleted?.();
    }
  }
}

/** The pids that ran each `app.work` key, from the gateways' execution logs in `directory`. */
export async function readExecutions(directory: string): Promise<Map<string, number[]>> {
  const executions = new Map<string, number[]>();
  for (const file of await readdir(directory)) {
    if (!file.startsWith('executions-')) continue;
    for (const line of (await readFile(join(directory, file), 'utf8')).split('\n')) {
      if (line === '') continue;
      const [key = '', pid = ''] = line.split(' ');
      executions.set(key, [...(executions.get(key) ?? []), Number(pid)]);
    }
  }
  return executions;
}
