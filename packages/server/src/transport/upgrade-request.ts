import type { IncomingMessage } from 'node:http';

/** Request headers, lowercased names (as Node's `IncomingMessage.headers`). */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** What the gateway needs to know about the HTTP upgrade request of a connection. */
export interface UpgradeRequest {
  /** Address of the TCP peer (the proxy when there is one). */
  readonly remoteAddress: string;
  readonly headers: RequestHeaders;
  /** Request target (path and query). */
  readonly url: string;
}

/** Read an {@link UpgradeRequest} from Node's `IncomingMessage`. */
export function toUpgradeRequest(request: IncomingMessage): UpgradeRequest {
  return {
    remoteAddress: request.socket.remoteAddress ?? '',
    headers: request.headers,
    url: request.url ?? '/',
  };
}

/** The first value of a header, or `undefined`. */
export function headerValue(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[0];
  return value;
}
