/**
 * `@gatewire/client/node`: the Node-only parts: a `GatewayClient` with TLS certificate pinning
 * (`tlsFingerprint`), the on-disk {@link FileIdentityStore} and the `node:crypto` device signer
 * ({@link nodeDeviceSigner}, for a `GatewayClientBase` with a custom transport). Everything from
 * `@gatewire/client`, `@gatewire/client/device` and `@gatewire/client/node-invoke` is re-exported
 * (size does not matter in Node).
 */
import { normalizeTlsFingerprint, type CoreEvents, type CoreMethods, type EventMap, type MethodMap } from '@gatewire/protocol/lite';
import { GatewayClientBase } from './client';
import { withoutDefinitions, type ClientDefinitions, type NoDefinitions } from './client-definitions';
import { nodeDeviceSigner } from './node/device-signer';
import { createTlsPinCheck } from './node/tls-pinning';
import type { GatewayClientOptions } from './options';
import { InvalidOptionsError } from './resolve-options';
import { createNodeTransport } from './transport/node-websocket';
import type { NodeWebSocketOptions } from './transport/node-websocket-options';
import type { TransportFactory } from './transport/transport';

export * from './public-api';
export * from './device';
export * from './node-invoke';
export { FileIdentityStore, type FileIdentityStoreOptions } from './node/file-store';
export { nodeDeviceSigner } from './node/device-signer';
export { createTlsPinCheck } from './node/tls-pinning';
export { createNodeTransport, type NodeTransportOptions } from './transport/node-websocket';
export type { NodeWebSocketOptions } from './transport/node-websocket-options';

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
  /**
   * Extra HTTP headers on the WebSocket upgrade request (for a proxy or an API gateway in front of
   * the gateway: an `Authorization` header, `X-Forwarded-For` from a trusted relay, …). Browsers
   * cannot set upgrade headers, so this exists on the Node client only.
   * @default {}
   */
  headers?: Readonly<Record<string, string>>;
  /**
   * Certificate authorities to trust for `wss://` in addition to Node's defaults (PEM), e.g. a
   * private CA. Ignored with `tlsFingerprint`, which replaces CA validation.
   * @default undefined (Node's default CAs)
   */
  ca?: string | Buffer | ReadonlyArray<string | Buffer>;
}

/** The gateway client for Node, over `ws`, with optional TLS pinning. */
export class GatewayClient<M extends MethodMap = CoreMethods, E extends EventMap = CoreEvents> extends GatewayClientBase<M, E> {
  constructor(options: NodeGatewayClientOptions<E> = {}) {
    const { tlsFingerprint, headers, ca, ...common } = options;
    const wsOptions: NodeWebSocketOptions = {
      ...(headers === undefined ? {} : { headers: { ...headers } }),
      ...(ca === undefined ? {} : { ca: Array.isArray(ca) ? [...ca] : (ca as string | Buffer) }),
    };
    super(common, { transport: createPinnedTransport(common.url, tlsFingerprint, wsOptions), pinned: tlsFingerprint !== undefined, deviceSigner: nodeDeviceSigner });
  }
}

/** The `ws` transport, with the pin check in place of CA validation when a pin is given. */
function createPinnedTransport(url: string | undefined, tlsFingerprint: string | undefined, wsOptions: NodeWebSocketOptions): TransportFactory {
  if (tlsFingerprint === undefined) return createNodeTransport({ wsOptions });
  if (url === undefined || !/^wss:\/\//i.test(url.trim())) {
    throw new InvalidOptionsError('tlsFingerprint requires a wss:// url (a pin cannot protect plain ws://)');
  }
  if (normalizeTlsFingerprint(tlsFingerprint) === undefined) {
    throw new InvalidOptionsError(`tlsFingerprint is not a SHA-256 fingerprint: ${tlsFingerprint}`);
  }
  const { ca: _ignored, ...rest } = wsOptions;
  return createNodeTransport({ finishRequest: createTlsPinCheck(tlsFingerprint), wsOptions: { ...rest, rejectUnauthorized: false } });
}

/**
 * A Node gateway client (with TLS pinning) typed from the application's definitions, without writing the generics:
 * `createClient({ url, methods, events })` is a `GatewayClient<CoreMethods & typeof methods,
 * CoreEvents & typeof events>`. `methods` and `events` are used for their types only.
 */
export function createClient<Methods extends MethodMap = NoDefinitions, Events extends EventMap = NoDefinitions>(
  options: NodeGatewayClientOptions<CoreEvents & NoInfer<Events>> & ClientDefinitions<Methods, Events> = {},
): GatewayClient<CoreMethods & Methods, CoreEvents & Events> {
  return new GatewayClient<CoreMethods & Methods, CoreEvents & Events>(withoutDefinitions(options));
}
