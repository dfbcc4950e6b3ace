import type { EventMap } from '@gatewire/protocol';
import type { GatewayOptions } from '../options/gateway-options';

/** Where the standalone gateway listens. */
export type BindMode = 'loopback' | 'all' | (string & {});

/** TLS material: PEM file paths or PEM contents. */
export interface TlsOptions {
  /** Certificate chain: a PEM file path, or PEM contents as a Buffer (or a string with `-----BEGIN`). */
  cert: string | Buffer;
  /** Private key: a PEM file path, or PEM contents. */
  key: string | Buffer;
}

/** Options of `startGateway`: the gateway's options plus the listener's. */
export interface StartGatewayOptions<E extends EventMap = EventMap> extends GatewayOptions<E> {
  /**
   * Interface to bind: `"loopback"` (127.0.0.1), `"all"` (0.0.0.0; refused by the CLI without
   * auth), or an address. Ignored with `socketPath`.
   * @default "loopback"
   */
  bind?: BindMode;
  /** TCP port; 0 picks a free one. @default 18789 */
  port?: number;
  /** Listen on this Unix socket instead of TCP. */
  socketPath?: string;
  /** Serve `wss://` with this certificate and key. */
  tls?: TlsOptions;
  /** The WebSocket path. @default "/" */
  path?: string;
  /**
   * Keep paired devices in this JSON file (atomic writes, mode 0600) unless `deviceStore` is given.
   * @default undefined (in memory)
   */
  deviceStorePath?: string;
  /**
   * Keep node approvals (paired nodes and pending node pairing requests) in this JSON file (atomic
   * writes, mode 0600) unless `nodePairing.store` is given.
   * @default undefined (in memory)
   */
  nodeStorePath?: string;
}

/** Defaults of the standalone listener. */
export const standaloneDefaults = {
  bind: 'loopback',
  port: 18789,
  path: '/',
} as const;

/** The address to bind for a bind mode. */
export function bindAddress(bind: BindMode): string {
  if (bind === 'loopback') return '127.0.0.1';
  if (bind === 'all') return '0.0.0.0';
  return bind;
}
