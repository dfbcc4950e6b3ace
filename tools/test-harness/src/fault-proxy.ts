import { EventEmitter } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { listenOnLoopback } from './loopback';
import { FaultDirection, type FaultCounters, type FaultSettings } from './fault-direction';

/** Events of a {@link FaultProxy}. */
export interface FaultProxyEvents {
  /** Bytes were read and are held back (stalled or throttled); the argument is the total held. */
  held: [heldBytes: number];
  /** A connection was accepted and its upstream connection opened. */
  connection: [];
}

interface Link {
  readonly client: Socket;
  readonly upstream: Socket;
  readonly directions: readonly FaultDirection[];
}

/**
 * A TCP proxy on 127.0.0.1 (port 0) in front of one target port (Redis, or a gateway) that
 * injects network faults on demand: stall (bytes held, connections open), drop (every connection
 * reset), refuse (new connections reset at once), throttle (bytes per second), a slow reader (the
 * client side reads slowly; the target meets backpressure) and fragment (small separate writes).
 * Byte order is always kept: a fault delays or cuts, never reorders.
 */
export class FaultProxy extends EventEmitter<FaultProxyEvents> {
  readonly targetPort: number;
  readonly #server: Server;
  readonly #links = new Set<Link>();
  readonly #settings: FaultSettings = {
    stalled: false,
    bytesPerSecond: undefined,
    maxFragmentBytes: undefined,
    slowReaderBytesPerSecond: undefined,
  };
  readonly #counters: FaultCounters = { heldBytes: 0, forwardedBytes: 0, writes: 0 };
  #refusing = false;
  #port = 0;

  private constructor(server: Server, targetPort: number) {
    super();
    this.#server = server;
    this.targetPort = targetPort;
  }

  /** Listen on a free port and forward to `targetPort` on 127.0.0.1. */
  static async start(targetPort: number): Promise<FaultProxy> {
    const server = createServer();
    const proxy = new FaultProxy(server, targetPort);
    server.on('connection', (client) => proxy.#accept(client));
    proxy.#port = await listenOnLoopback(server);
    return proxy;
  }

  /** The port it listens on. */
  get port(): number {
    return this.#port;
  }

  /** Open proxied connections. */
  get connectionCount(): number {
    return this.#links.size;
  }

  /** Bytes read and not yet forwarded, bytes forwarded, and separate writes made. */
  get counters(): Readonly<FaultCounters> {
    return this.#counters;
  }

  /** Hold every byte in both directions; connections stay open (a frozen network or peer). */
  stall(): void {
    this.#settings.stalled = true;
  }

  /** End a stall: forward everything held, in order. */
  unstall(): void {
    this.#settings.stalled = false;
    this.#pumpAll();
  }

  /** Forward at most `bytesPerSecond` in each direction of each connection; `undefined` lifts it. */
  throttle(bytesPerSecond: number | undefined): void {
    if (bytesPerSecond !== undefined && !(bytesPerSecond > 0)) throw new RangeError(`throttle: bytesPerSecond must be > 0, got ${bytesPerSecond}`);
    this.#settings.bytesPerSecond = bytesPerSecond;
    this.#pumpAll();
  }

  /**
   * Act as a slow reader on the client side: forward toward the client at most `bytesPerSecond`
   * and stop reading from the target while 16 KiB are held, so the target's writes back up (TCP
   * backpressure on a gateway). `undefined` lifts it. The other direction is untouched.
   */
  slowReader(bytesPerSecond: number | undefined): void {
    if (bytesPerSecond !== undefined && !(bytesPerSecond > 0)) throw new RangeError(`slowReader: bytesPerSecond must be > 0, got ${bytesPerSecond}`);
    this.#settings.slowReaderBytesPerSecond = bytesPerSecond;
    this.#pumpAll();
  }

  /** Split forwarded data into separate writes of at most `maxBytes`; `undefined` lifts it. */
  fragment(maxBytes: number | undefined): void {
    if (maxBytes !== undefined && !(Number.isSafeInteger(maxBytes) && maxBytes > 0)) {
      throw new RangeError(`fragment: maxBytes must be a positive integer, got ${maxBytes}`);
    }
    this.#settings.maxFragmentBytes = maxBytes;
  }

  /** Reset (TCP RST) every open connection, on both sides. New connections are still accepted. */
  dropConnections(): void {
    for (const link of this.#links) this.#reset(link);
  }

  /** While `true`, reset every new connection at once, as if the target were down. */
  refuseNew(refuse: boolean): void {
    this.#refusing = refuse;
  }

  /** Stop listening and reset every connection. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.dropConnections();
    await closed;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #accept(client: Socket): void {
    client.on('error', () => client.destroy());
    if (this.#refusing) {
      client.resetAndDestroy();
      return;
    }
    client.setNoDelay(true);
    const upstream = connect(this.targetPort, '127.0.0.1');
    upstream.setNoDelay(true);
    upstream.on('error', () => upstream.destroy());
    const onHeld = () => this.emit('held', this.#counters.heldBytes);
    const link: Link = {
      client,
      upstream,
      directions: [
        new FaultDirection(client, upstream, 'toTarget', this.#settings, this.#counters, onHeld),
        new FaultDirection(upstream, client, 'toClient', this.#settings, this.#counters, onHeld),
      ],
    };
    this.#links.add(link);
    const unlink = () => {
      if (!this.#links.delete(link)) return;
      for (const direction of link.directions) direction.dispose();
      client.destroy();
      upstream.destroy();
    };
    client.once('close', unlink);
    upstream.once('close', unlink);
    upstream.once('connect', () => this.emit('connection'));
  }

  #reset(link: Link): void {
    for (const direction of link.directions) direction.dispose();
    if (!link.client.destroyed) link.client.resetAndDestroy();
    if (!link.upstream.destroyed && link.upstream.readyState === 'open') link.upstream.resetAndDestroy();
    else link.upstream.destroy();
  }

  #pumpAll(): void {
    for (const link of this.#links) for (const direction of link.directions) direction.pump();
  }
}
