import { connect, createServer, type Server, type Socket } from 'node:net';
import { listenOnLoopback } from '@gatewire/test-harness';

/**
 * A plain round-robin TCP load balancer on 127.0.0.1 (port 0), the way users deploy gateways:
 * no stickiness, each new connection goes to the next target in turn, so a reconnecting client
 * lands on another gateway by chance. A target that refuses the connection (a dead gateway) is
 * skipped, as a balancer with health checks would; when every target refuses, the client's
 * connection is reset.
 */
export class RoundRobinBalancer {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #targets: readonly number[];
  #next = 0;
  #port = 0;
  /** Connections forwarded so far, by target port. */
  readonly forwarded = new Map<number, number>();

  private constructor(server: Server, targets: readonly number[]) {
    this.#server = server;
    this.#targets = targets;
  }

  /** Listen on a free port and forward to `targetPorts` on 127.0.0.1. */
  static async start(targetPorts: readonly number[]): Promise<RoundRobinBalancer> {
    const server = createServer();
    const balancer = new RoundRobinBalancer(server, targetPorts);
    server.on('connection', (client) => balancer.#forward(client, 0));
    balancer.#port = await listenOnLoopback(server);
    return balancer;
  }

  /** The port it listens on. */
  get port(): number {
    return this.#port;
  }

  /** `ws://127.0.0.1:<port>/`. */
  get url(): string {
    return `ws://127.0.0.1:${this.port}/`;
  }

  /** Replace the targets (e.g. after a gateway was restarted on a new port). */
  setTargets(targetPorts: readonly number[]): void {
    this.#targets = targetPorts;
  }

  /** Stop listening and reset every forwarded connection. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #track(socket: Socket): void {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
  }

  #forward(client: Socket, attempt: number): void {
    if (attempt === 0) {
      this.#track(client);
      client.on('error', () => client.destroy());
      client.pause();
    }
    const targets = this.#targets;
    if (attempt >= targets.length || client.destroyed) {
      if (!client.destroyed) client.resetAndDestroy();
      return;
    }
    const port = targets[this.#next++ % targets.length] as number;
    const upstream = connect(port, '127.0.0.1');
    let connected = false;
    upstream.on('error', () => {
      if (connected) upstream.destroy();
      else this.#forward(client, attempt + 1);
    });
    upstream.once('connect', () => {
      connected = true;
      if (client.destroyed) {
        upstream.destroy();
        return;
      }
      this.#track(upstream);
      this.forwarded.set(port, (this.forwarded.get(port) ?? 0) + 1);
      client.pipe(upstream);
      upstream.pipe(client);
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
      client.resume();
    });
  }
}
