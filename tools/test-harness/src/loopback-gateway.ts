import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP route: `true` when it answered the request. */
export type TestRoute = (request: IncomingMessage, response: ServerResponse) => boolean;

/** What {@link serveOnLoopback} needs of a gateway (a `Gateway` of `@gatewire/server` has it). */
export interface AttachableGateway {
  attach(server: Server): unknown;
  healthRoutes(): TestRoute;
  close(): Promise<void>;
}

/** A gateway mounted on its own HTTP server on 127.0.0.1, port 0. */
export interface LoopbackGateway {
  readonly server: Server;
  /** `ws://127.0.0.1:<port>/`. */
  readonly url: string;
  readonly port: number;
  /** Close the gateway, then the HTTP server and its connections (idempotent). */
  close(): Promise<void>;
}

/**
 * Mount `gateway` on a fresh HTTP server listening on 127.0.0.1 port 0: `route` first (e.g. the
 * gateway's `/metrics`), then its health routes, 404 for anything else. The caller registers
 * `close()` with its test cleanup.
 */
export async function serveOnLoopback(gateway: AttachableGateway, route?: TestRoute): Promise<LoopbackGateway> {
  const server = createServer((request, response) => {
    if (route?.(request, response) === true || gateway.healthRoutes()(request, response)) return;
    response.writeHead(404);
    response.end();
  });
  gateway.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await gateway.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    })());
  return { server, url: `ws://127.0.0.1:${port}/`, port, close };
}
