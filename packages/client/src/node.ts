/**
 * `@gatewire/client/node`: the Node-only parts: a `GatewayClient` with TLS certificate pinning
 * (`tlsFingerprint`) and the on-disk {@link FileIdentityStore}. Everything from `@gatewire/client`
 * is re-exported.
 */
import { normalizeTlsFingerprint, type CoreEvents, type CoreMethods, type EventMap, type MethodMap } from '@gatewire/protocol/lite';
import { GatewayClientBase } from './client';
import { createTlsPinCheck } from './node/tls-pinning';
import type { GatewayClientOptions } from './options';
import { InvalidOptionsError } from './resolve-options';
import { createNodeTransport } from './transport/node-websocket';
import type { TransportFactory } from './transport/transport';

export * from './public-api';
export { FileIdentityStore, type FileIdentityStoreOptions } from './node/file-store';
export { createTlsPinCheck } from './node/tls-pinning';
export { createNodeTransport, type NodeTransportOptions } from './transport/node-websocket';

/** Options of the Node client: the common options plus TLS pinning. */
export interface NodeGatewayClientOptions<E extends EventMap = EventMap> extends GatewayClientOptions<E> {
  /**
   * Pin the gateway's TLS leaf certificate: SHA-256 of its DER, in any accepted form
   * (`sha256:AB:CD:…`, 64 hex characters, colon-separated pairs). The check runs on the TLS
   * handshake, before the HTTP upgrade is sent, and replaces CA validation. A mismatch fails with
   * `TLS_PIN_MISMATCH` and stops reconnection. Requires `wss://`.
   * @default undefined (CA validation)
   */
  tlsFingerprint?: string;
}

/** The gateway client for Node, over `ws`, with optional TLS pinning. */
export class GatewayClient<M extends MethodMap = CoreMethods, E extends EventMap = CoreEvents> extends GatewayClientBase<M, E> {
  constructor(options: NodeGatewayClientOptions<E> = {}) {
    const { tlsFingerprint, ...common } = options;
    super(common, { transport: createPinnedTransport(common.url, tlsFingerprint), pinned: tlsFingerprint !== undefined });
  }
}

/** The `ws` transport, with the pin check in place of CA validation when a pin is given. */
function createPinnedTransport(url: string | undefined, tlsFingerprint: string | undefined): TransportFactory {
  if (tlsFingerprint === undefined) return createNodeTransport();
  if (url === undefined || !/^wss:\/\//i.test(url.trim())) {
    throw new InvalidOptionsError('tlsFingerprint requires a wss:// url (a pin cannot protect plain ws://)');
  }
  if (normalizeTlsFingerprint(tlsFingerprint) === undefined) {
    throw new InvalidOptionsError(`tlsFingerprint is not a SHA-256 fingerprint: ${tlsFingerprint}`);
  }
  return createNodeTransport({ finishRequest: createTlsPinCheck(tlsFingerprint), wsOptions: { rejectUnauthorized: false } });
}
