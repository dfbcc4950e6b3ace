import { Server as TlsServer } from 'node:tls';
import type { AddressInfo } from 'node:net';

/** The WebSocket URL of a listening server: `ws[s]://host:port/path`, or `ws+unix://socket:path`. */
export function serverUrl(server: object, address: AddressInfo | string, path: string): string {
  const secure = server instanceof TlsServer;
  if (typeof address === 'string') return `${secure ? 'wss' : 'ws'}+unix://${address}:${path}`;
  const host = address.family === 'IPv6' || address.family === (6 as unknown as string) ? `[${address.address}]` : address.address;
  return `${secure ? 'wss' : 'ws'}://${host}:${address.port}${path}`;
}
