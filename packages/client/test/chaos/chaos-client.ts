/**
 * The client side of the chaos harness: a real `GatewayClient` behind its own fault-injecting TCP
 * proxy, recording every event, `gap` and `resync` it sees for the exactly-once checker, and
 * sending keyed requests that must each be executed exactly once.
 */
import { FaultProxy, type ClientRecord } from '@gatewire/test-harness';
import { GatewayClient, type ReceivedEvent } from '../../src/index';
import { TOKEN } from '../helpers/real-gateway';
import type { ChaosEvents, ChaosMethods } from './chaos-gateway';

/** Reconnect at once (a few ms), so a fault costs little of the run's time budget. */
const FAST_RECONNECT = { initialDelayMs: 5, maxDelayMs: 50 };

/**
 * Keyed requests in flight per client at most (the application's flow control): well below the
 * client's reconnect queue (100), which refuses more while disconnected.
 */
const MAX_IN_FLIGHT = 20;

export class ChaosClient {
  readonly name: string;
  readonly proxy: FaultProxy;
  readonly client: GatewayClient<ChaosMethods, ChaosEvents>;
  /** Whether the client negotiates `gatewire.resume.v1`. */
  readonly resumable: boolean;
  readonly records: ClientRecord[] = [];

  /** Keyed requests sent, by key, with their outcome once settled. */
  readonly requests = new Map<string, Promise<'ok' | Error>>();
  readonly #received = new Set<string>();
  #inFlight = 0;
  readonly #waiters = new Map<string, () => void>();

  private constructor(name: string, proxy: FaultProxy, resumable: boolean) {
    this.name = name;
    this.proxy = proxy;
    this.resumable = resumable;
    this.client = new GatewayClient<ChaosMethods, ChaosEvents>({
      url: `ws://127.0.0.1:${proxy.port}`,
      auth: { token: TOKEN },
      reconnect: FAST_RECONNECT,
      resume: resumable,
    });
    this.client.on('event', (event) => this.#record(event));
    this.client.on('gap', () => this.records.push({ kind: 'gap' }));
    this.client.on('resync', () => this.records.push({ kind: 'resync' }));
    // Without resume a new connection is a new stream: only each connection's own stream is promised.
    if (!resumable) this.client.on('hello', ({ reconnected }) => reconnected && this.records.push({ kind: 'resync' }));
  }

  /** A client of the gateway on `gatewayPort`, through a fresh fault proxy, connected. */
  static async start(name: string, gatewayPort: number, resumable: boolean): Promise<ChaosClient> {
    const chaosClient = new ChaosClient(name, await FaultProxy.start(gatewayPort), resumable);
    await chaosClient.client.connect();
    return chaosClient;
  }

  /**
   * Send `chaos.execute` with the key (the client re-sends it after a reconnect), unless
   * {@link MAX_IN_FLIGHT} are still unanswered.
   */
  sendKeyed(key: string): void {
    if (this.#inFlight >= MAX_IN_FLIGHT) return;
    this.#inFlight += 1;
    const outcome = this.client.request('chaos.execute', { idempotencyKey: key }, { timeoutMs: 60_000 }).then(
      (result) => (result.key === key ? 'ok' : new Error(`answer for ${result.key}, expected ${key}`)),
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    this.requests.set(key, outcome);
    void outcome.then(() => (this.#inFlight -= 1));
  }

  /** Resolve once every keyed request sent so far is settled. */
  async settled(): Promise<void> {
    await Promise.all(this.requests.values());
  }

  /** Lift every fault of the proxy. */
  heal(): void {
    this.proxy.unstall();
    this.proxy.fragment(undefined);
    this.proxy.slowReader(undefined);
  }

  /** Resolve once connected (at once when it is). */
  connected(): Promise<void> {
    if (this.client.state === 'connected') return Promise.resolve();
    return new Promise((resolve) => {
      const listener = ({ to }: { to: string }) => {
        if (to !== 'connected') return;
        this.client.off('state', listener);
        resolve();
      };
      this.client.on('state', listener);
    });
  }

  /** Resolve at the next `hello` (a handshake completed). */
  nextHello(): Promise<void> {
    return new Promise((resolve) => this.client.once('hello', () => resolve()));
  }

  /** Resolve at the next `disconnected` (a socket closed). */
  nextDisconnect(): Promise<void> {
    return new Promise((resolve) => this.client.once('disconnected', () => resolve()));
  }

  hasReceived(id: string): boolean {
    return this.#received.has(id);
  }

  /** Resolve once the event `id` was received. */
  received(id: string): Promise<void> {
    if (this.#received.has(id)) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.set(id, resolve));
  }

  async close(): Promise<void> {
    await this.client.close();
    await this.proxy.close();
  }

  #record(event: ReceivedEvent): void {
    const id = event.event.startsWith('chaos.') ? (event.payload as { id: string }).id : undefined;
    // A resumed stream mixes the old connection's seq with the new one's; check ids only there.
    this.records.push({ kind: 'event', id, seq: this.resumable ? undefined : event.seq });
    if (id === undefined) return;
    this.#received.add(id);
    this.#waiters.get(id)?.();
    this.#waiters.delete(id);
  }
}
