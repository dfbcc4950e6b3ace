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
  const remoteAddress = request.socket.remoteAddress;
  return {
    remoteAddress: remoteAddress ?? '',
    viaUnixSocket: remoteAddress === undefined && isUnixDomainSocket(request.socket),
    headers: request.headers,
    url: request.url ?? '/',
  };
}

/**
 * Whether a server-side socket with no remote address is a Unix-domain socket. Node gives such a
 * socket neither a local nor a remote address, while an open TCP socket always has its local address
 * (even after its peer reset it). A destroyed socket, whose addresses are gone, never counts as one.
 * Only asked when the remote address is missing: a TCP socket with a peer is never one, and its local
 * address is then never looked up (a system call, and an object kept on the socket).
 */
function isUnixDomainSocket(socket: Socket): boolean {
  return !socket.destroyed && socket.localAddress === undefined;
}

/** The first value of a header, or `undefined`. */
export function headerValue(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[0];
  return value;
}
