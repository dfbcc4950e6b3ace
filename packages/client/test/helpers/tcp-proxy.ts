/**
 * A small TCP proxy (node:net) between a client and a gateway, to simulate network trouble on real
 * sockets: stall every open link (nothing is forwarded either way, new links still work), stop
 * reading from the gateway (TCP backpressure builds up on the gateway's side), refuse new links, or
 * accept new links and never forward them (a load balancer in front of a dead backend).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { onCleanup } from './cleanup';

interface Link {
  readonly client: Socket;
  readonly upstream: Socket;
}

export class TcpProxy {
  readonly #server: Server;
  readonly #links = new Set<Link>();
  readonly #held = new Set<Socket>();
  #refusing = false;
  #stallingNew = false;
  /** Links accepted so far (held ones included). */
  accepted = 0;
  port = 0;

  private constructor(targetPort: number) {
    this.#server = createServer((client) => {
      this.accepted += 1;
      if (this.#refusing) {
        client.destroy();
        return;
      }
      if (this.#stallingNew) {
        this.#held.add(client);
        client.pause();
        client.on('close', () => this.#held.delete(client)).on('error', () => client.destroy());
        return;
      }
      const upstream = connect(targetPort, '127.0.0.1');
      const link = { client, upstream };
      this.#links.add(link);
      client.pipe(upstream);
      upstream.pipe(client);
      const drop = (): void => {
        this.#links.delete(link);
        client.destroy();
        upstream.destroy();
      };
      client.on('close', drop).on('error', drop);
      upstream.on('close', drop).on('error', drop);
    });
  }

  static async start(targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    proxy.port = (proxy.#server.address() as AddressInfo).port;
    onCleanup(() => proxy.close());
    return proxy;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Links open now. */
  get size(): number {
    return this.#links.size;
  }

  /** Stop forwarding on every open link, both ways (a stalled network). Returns the stalled links. */
  stall(): Link[] {
    const links = [...this.#links];
    for (const { client, upstream } of links) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
    return links;
  }

  /** Stop reading from the gateway on every open link: its send buffer fills up. */
  stopReadingFromGateway(): void {
    for (const { client, upstream } of this.#links) {
      upstream.unpipe(client);
      upstream.pause();
    }
  }

  /** Read from the gateway again. */
  resumeReadingFromGateway(): void {
    for (const { client, upstream } of this.#links) upstream.pipe(client);
  }

  /** Refuse (close at once) new links while `true`. */
  refuseNew(refusing: boolean): void {
    this.#refusing = refusing;
  }

  /** Accept new links but forward nothing on them, not even to the gateway, while `true`. */
  stallNew(stalling: boolean): void {
    this.#stallingNew = stalling;
  }

  /** Links held by {@link stallNew} and still open. */
  get held(): number {
    return this.#held.size;
  }

  async close(): Promise<void> {
    for (const socket of this.#held) socket.destroy();
    this.#held.clear();
    for (const { client, upstream } of this.#links) {
      client.destroy();
      upstream.destroy();
    }
    this.#links.clear();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
