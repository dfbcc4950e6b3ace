/**
 * The gateway side of the chaos harness: one real standalone gateway on a fixed port that can be
 * restarted, a publisher that logs every event it broadcasts (the log the checker compares each
 * client against), and a keyed method that counts how often each key was executed.
 */
import { defineEvent, defineEvents, defineMethod, defineMethods, type CoreMethods } from '@gatewire/protocol';
import { startGateway, type StandaloneGateway } from '@gatewire/server';
import { Type } from '@sinclair/typebox';
import { TOKEN } from '../helpers/real-gateway';

export const chaosEvents = defineEvents(
  defineEvent('chaos.event', { payload: Type.Object({ id: Type.String() }), scope: 'operator.read' }),
  defineEvent('chaos.bulk', { payload: Type.Object({ id: Type.String(), blob: Type.String() }), scope: 'operator.read', droppable: true }),
);
export type ChaosEvents = typeof chaosEvents;

const executeMethod = defineMethod('chaos.execute', {
  params: Type.Object({ idempotencyKey: Type.String() }),
  result: Type.Object({ key: Type.String() }),
  scope: 'operator.write',
  idempotency: 'required',
});
export const chaosMethods = defineMethods(executeMethod);
export type ChaosMethods = CoreMethods & typeof chaosMethods;

/** Gateway settings of a chaos run. */
export interface ChaosGatewaySettings {
  /** The gateway's tick; the client's watchdog fires after twice this without a frame. */
  readonly tickIntervalMs: number;
  /** Per-connection send buffer before droppable events are dropped (slow readers meet it). */
  readonly maxBufferedBytes: number;
  /** Size of the droppable `chaos.bulk` payload. */
  readonly bulkBytes: number;
}

export class ChaosGateway {
  /** Ids of the published events, in publishing order, across restarts. */
  readonly log: string[] = [];
  /** Executions of `chaos.execute` per idempotency key, across restarts. */
  readonly executions = new Map<string, number>();
  readonly #settings: ChaosGatewaySettings;
  readonly #blob: string;
  #running: StandaloneGateway<ChaosEvents> | undefined;
  #port = 0;
  #droppedByEarlierInstances = 0;

  private constructor(settings: ChaosGatewaySettings) {
    this.#settings = settings;
    this.#blob = 'b'.repeat(settings.bulkBytes);
  }

  static async start(settings: ChaosGatewaySettings): Promise<ChaosGateway> {
    const gateway = new ChaosGateway(settings);
    await gateway.#listen();
    return gateway;
  }

  /** The port clients (and their fault proxies) connect to; the same after a restart. */
  get port(): number {
    return this.#port;
  }

  /** Events dropped for slow readers so far, by every instance (restarts included). */
  droppedEvents(): number {
    return this.#droppedByEarlierInstances + (this.#running?.gateway.instrumentation.snapshot().events.dropped ?? 0);
  }

  /** Broadcast the next event (droppable `chaos.bulk` when `bulk`), unless the gateway is down. */
  publish(bulk: boolean): void {
    if (this.#running === undefined) return;
    const id = `e${this.log.length + 1}`;
    if (bulk) this.#running.gateway.broadcast('chaos.bulk', { id, blob: this.#blob });
    else this.#running.gateway.broadcast('chaos.event', { id });
    this.log.push(id);
  }

  /** Close one connection from the gateway's side (1012 "service restart", as an operator's kick). */
  disconnect(connId: string): void {
    this.#running?.gateway.disconnect(connId, 1012, 'chaos');
  }

  /** Stop the gateway (gracefully) and start a fresh one on the same port: no state survives. */
  async restart(): Promise<void> {
    await this.close();
    await this.#listen();
  }

  async close(): Promise<void> {
    const running = this.#running;
    if (running === undefined) return;
    this.#droppedByEarlierInstances += running.gateway.instrumentation.snapshot().events.dropped;
    this.#running = undefined;
    await running.close();
  }

  async #listen(): Promise<void> {
    const running = await startGateway<ChaosEvents>({
      port: this.#port,
      bind: 'loopback',
      auth: { mode: 'token', token: TOKEN },
      authRateLimit: { loopbackDelayMs: 1, loopbackMaxDelayMs: 5 },
      shutdownTimeoutMs: 200,
      events: chaosEvents,
      tickIntervalMs: this.#settings.tickIntervalMs,
      maxBufferedBytes: this.#settings.maxBufferedBytes,
    });
    running.gateway.method(executeMethod, ({ idempotencyKey }) => {
      this.executions.set(idempotencyKey, (this.executions.get(idempotencyKey) ?? 0) + 1);
      return { key: idempotencyKey };
    });
    const address = running.address();
    if (typeof address === 'string') throw new TypeError('chaos gateway: not a TCP listener');
    this.#port = address.port;
    this.#running = running;
  }
}
