import type { Agent } from 'node:http';
import type { createConnection } from 'node:net';
import type { SecureContextOptions } from 'node:tls';

/**
 * The `ws` client options that the Node transport passes through (a subset of ws 8's
 * `ClientOptions`). Declared here so the published declarations need no `@types/ws`: a consumer
 * with `skipLibCheck: false` compiles without it, and the options are not silently `any`.
 * TLS material (`ca`, `cert`, `key`, …) comes from Node's `SecureContextOptions`.
 */
export interface NodeWebSocketOptions extends SecureContextOptions {
  /** Extra HTTP headers of the upgrade request. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** The `Origin` header of the upgrade request. @default undefined (none) */
  readonly origin?: string;
  /** Abort the opening handshake after this many ms. @default undefined (no limit in `ws`) */
  readonly handshakeTimeout?: number;
  /** Largest message accepted from the gateway, bytes. @default 104857600 (`ws`'s 100 MiB) */
  readonly maxPayload?: number;
  /** Verify the server certificate against the CAs. @default true */
  readonly rejectUnauthorized?: boolean;
  /** The HTTP(S) agent of the upgrade request (a proxy agent, for example). @default undefined (none) */
  readonly agent?: Agent;
  /** Local interface to connect from. @default undefined (the system's choice) */
  readonly localAddress?: string;
  /** IP family of the connection (`4` or `6`). @default undefined (both) */
  readonly family?: number;
  /** Follow HTTP redirects of the upgrade request. @default false */
  readonly followRedirects?: boolean;
  /** Most redirects followed when `followRedirects` is on. @default 10 */
  readonly maxRedirects?: number;
  /** Opens the TCP connection (for tests and custom sockets). @default undefined (`net.createConnection`) */
  readonly createConnection?: typeof createConnection;
}
