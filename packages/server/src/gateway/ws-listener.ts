import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type ServerOptions } from 'ws';
import { writeUpgradeRefusal } from '../http/upgrade-guard';
import type { ResolvedGatewayOptions } from '../options/resolve-options';
import { bindWebSocket } from '../transport/ws-adapter';
import type { WebSocketConnectionListener, WebSocketServerLike } from '../transport/ws-types';
import { toUpgradeRequest } from '../transport/upgrade-request';
import type { GatewayCore } from './gateway-core';

/**
 * The `ws` server options of a gateway: no own listener, the pre-auth payload cap, and
 * permessage-deflate only when enabled, with a size threshold, bounded zlib concurrency and no
 * context takeover (so no per-socket compression window stays in memory).
 */
export function webSocketServerOptions(options: ResolvedGatewayOptions): ServerOptions {
  const deflate = options.perMessageDeflate;
  return {
    noServer: true,
    clientTracking: false,
    maxPayload: options.preAuthMaxPayloadBytes,
    // The gateway answers pings itself (see the ws adapter): no auto-pong and its 60-pong guard.
    autoPong: false,
    perMessageDeflate:
      deflate === false
        ? false
        : {
            threshold: deflate.thresholdBytes,
            concurrencyLimit: deflate.concurrencyLimit,
            serverNoContextTakeover: true,
            clientNoContextTakeover: true,
          },
  };
}

/**
 * The `ws` side of a gateway: upgrades requests on its own `noServer` WebSocketServer, or accepts
 * sockets from a WebSocketServer the host created. Only this file and the adapter import `ws`.
 */
export class WebSocketListener {
  readonly #core: GatewayCore;
  #server: WebSocketServer | undefined;

  constructor(core: GatewayCore) {
    this.#core = core;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const upgrade = toUpgradeRequest(request);
    const address = this.#core.clientAddress(upgrade);
    const refusal = this.#core.checkUpgrade(upgrade, address);
    if (refusal) {
      writeUpgradeRefusal(socket, refusal);
      return;
    }
    this.#server ??= new WebSocketServer(webSocketServerOptions(this.#core.options));
    // `ws` completes the upgrade synchronously (there is no `verifyClient`) and the gateway sends the
    // challenge inside its callback: with the socket corked across it, the `101` answer and the
    // challenge leave in one write.
    socket.cork();
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#core.acceptSocket(bindWebSocket(ws), upgrade, address));
    socket.uncork();
  }

  /** Accept the sockets of a host-created WebSocketServer; returns the detach function. */
  attachServer(server: WebSocketServerLike): () => void {
    const listener: WebSocketConnectionListener = (ws, request) => {
      const upgrade = toUpgradeRequest(request);
      const address = this.#core.clientAddress(upgrade);
      const refusal = this.#core.checkUpgrade(upgrade, address);
      if (refusal) {
        ws.close(refusal.closeCode, refusal.body.error.message);
        return;
      }
      this.#core.acceptSocket(bindWebSocket(ws), upgrade, address);
    };
    server.on('connection', listener);
    return () => server.off('connection', listener);
  }

  close(): void {
    this.#server?.close();
    this.#server = undefined;
  }
}
