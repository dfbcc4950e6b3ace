import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** Request headers, lowercased names (as Node's `IncomingMessage.headers`). */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** What the gateway needs to know about the HTTP upgrade request of a connection. */
export interface UpgradeRequest {
  /** Address of the TCP peer (the proxy when there is one); empty on a Unix socket. */
  readonly remoteAddress: string;
  /** The request came over a Unix-domain socket: a client on this host, like direct loopback. @default false */
  readonly viaUnixSocket?: boolean;
  readonly headers: RequestHeaders;
  /** Request target (path and query). */
  readonly url: string;
}

/** Read an {@link UpgradeRequest} from Node's `IncomingMessage`. */
export function toUpgradeRequest(request: IncomingMessage): UpgradeRequest {
  return {
    remoteAddress: request.socket.remoteAddress ?? '',
    viaUnixSocket: isUnixDomainSocket(request.socket),
    headers: request.headers,
    url: request.url ?? '/',
  };
}

/**
 * Whether a server-side socket is a Unix-domain socket. Node gives such a socket neither a local nor a
 * remote address, while an open TCP socket always has its local address (even after its peer reset
 * it). A destroyed socket, whose addresses are gone, never counts as one.
 */
function isUnixDomainSocket(socket: Socket): boolean {
  return !socket.destroyed && socket.localAddress === undefined && socket.remoteAddress === undefined;
}

/** The first value of a header, or `undefined`. */
export function headerValue(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[0];
  return value;
}
