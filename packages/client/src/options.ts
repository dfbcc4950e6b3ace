import type { ClientId, ClientMode, EventMap, Role } from '@gatewire/protocol/lite';
import type { AuthOptions } from './auth-options';
import type { DeviceAuthPlugin } from './device-auth-session';
import type { ClientListeners } from './events';
import type { Logger } from './logger';
import type { NodeInvokePlugin } from './node-invoke-plugin';
import type { ReconnectOptions } from './reconnect-policy';

export type { AuthOptions } from './auth-options';

/** Who the client says it is (`connect.params.client`). */
export interface ClientInfoOptions {
  /**
   * One of OpenClaw's accepted client ids (`CLIENT_IDS`); arbitrary ids are refused by gateways.
   * @default "gateway-client" in Node; "webchat-ui" in the browser build
   */
  id?: ClientId;
  /**
   * The application's version.
   * @default this package's version
   */
  version?: string;
  /**
   * The platform, signed in the v3 device payload (trimmed, ASCII lowercased).
   * @default `process.platform` in Node, `"web"` in browsers
   */
  platform?: string;
  /**
   * One of `CLIENT_MODES`. Use `"node"` with `role: "node"`.
   * @default "backend" in Node, "webchat" in the browser build (`"node"` when `role` is `"node"`)
   */
  mode?: ClientMode;
  /** A human-readable name shown in presence lists. @default undefined */
  displayName?: string;
  /** Device family (e.g. `"Linux"`, `"iPhone"`), signed in the v3 device payload. @default undefined */
  deviceFamily?: string;
  /** A stable id of this installation. @default undefined */
  instanceId?: string;
}

/** The bounded queue that holds requests issued while the client is (re)connecting. */
export interface QueueOptions {
  /**
   * Most requests waiting for a connection; one more is rejected with `QUEUE_FULL`
   * (`0` disables queueing: every request issued while not connected is rejected).
   * @default 100
   */
  maxSize?: number;
  /**
   * Longest wait for a connection, ms; then the request is rejected with `QUEUE_TIMEOUT`.
   * @default 10000
   */
  timeoutMs?: number;
}

/**
 * Options of `new GatewayClient(options)`. Every field is optional; the defaults are exported as
 * {@link DEFAULT_CLIENT_OPTIONS} and applied in one place (`resolveClientOptions`).
 */
export interface GatewayClientOptions<E extends EventMap = EventMap> {
  /**
   * The gateway's WebSocket URL (`ws://` or `wss://`). Plain `ws://` is refused for hosts that are
   * neither loopback nor private unless `allowInsecureWs` is set.
   * @default "ws://127.0.0.1:18789"
   */
  url?: string;
  /**
   * Who the client says it is. A browser page is not a local backend, so the browser build defaults
   * to the web chat identity (the gateway then asks for a device identity).
   * @default { id: "gateway-client", mode: "backend" } in Node; { id: "webchat-ui", mode: "webchat" } in the browser build
   */
  client?: ClientInfoOptions;
  /**
   * `"operator"` calls methods; `"node"` serves `commands` (see `nodeInvoke` and `handleInvoke`).
   * @default "operator"
   */
  role?: Role;
  /**
   * Requested scopes, signed in their order.
   * @default ["operator.admin"] for operators (or the stored device token's scopes), [] for nodes
   */
  scopes?: readonly string[];
  /** Client capabilities (`CLIENT_CAPS`). @default [] */
  caps?: readonly string[];
  /** Commands this node serves (role `"node"`; requires `nodeInvoke`). @default undefined */
  commands?: readonly string[];
  /**
   * Node mode: answer `node.invoke.request` with the handlers of `client.handleInvoke`. Made by
   * `nodeInvoke()` from `@gatewire/client/node-invoke` (kept out of the default entry).
   * @default undefined (`handleInvoke` throws `INVALID_OPTIONS`; `commands` are refused)
   */
  nodeInvoke?: NodeInvokePlugin;
  /** Credentials. @default {} */
  auth?: AuthOptions;
  /**
   * Device identity: the v3 device signature and the identity store with the device tokens the
   * gateway issues. Made by `deviceAuth({ device, identityStore })` from `@gatewire/client/device`
   * (kept out of the default entry, so a client without it stays small).
   * @default undefined (no device proof)
   */
  deviceAuth?: DeviceAuthPlugin;
  /** Reconnection policy; `false` disables reconnection. @default DEFAULT_RECONNECT */
  reconnect?: ReconnectOptions | false;
  /**
   * Default per-request timeout, ms. `null` waits forever.
   * @default 30000
   */
  requestTimeoutMs?: number | null;
  /**
   * Longest time from the start of a connection attempt (state `connecting`: TCP, TLS, the HTTP
   * upgrade, the challenge) to `hello-ok`, ms; then the client abandons the attempt
   * (`HANDSHAKE_TIMEOUT`; an open socket is closed with 4000 "connect timeout") and retries per
   * the reconnect policy.
   * @default 15000
   */
  connectTimeoutMs?: number;
  /** Bounded queue for requests issued while reconnecting. @default { maxSize: 100, timeoutMs: 10000 } */
  queue?: QueueOptions;
  /**
   * Allow plain `ws://` to a public host (credentials travel in cleartext).
   * @default false
   */
  allowInsecureWs?: boolean;
  /**
   * Lossless reconnects (Gatewire extension `gatewire.resume.v1`): when the gateway offers it, ask
   * for a replay buffer, and after a reconnect or a `seq` gap replay the missed events before any
   * new one, exactly once and in order; emit `resync` when they cannot be recovered. Against a
   * gateway without it (e.g. OpenClaw) nothing changes.
   * @default true
   */
  resume?: boolean;
  /** Where to log. @default silent */
  logger?: Logger;
  /** Listeners attached before anything happens, so none miss early events. @default {} */
  listeners?: ClientListeners<E>;
}

/** Defaults of {@link GatewayClientOptions}. */
export const DEFAULT_CLIENT_OPTIONS = Object.freeze({
  url: 'ws://127.0.0.1:18789',
  clientId: 'gateway-client' as ClientId,
  clientMode: 'backend' as ClientMode,
  nodeClientMode: 'node' as ClientMode,
  role: 'operator' as Role,
  operatorScopes: Object.freeze(['operator.admin']) as readonly string[],
  requestTimeoutMs: 30_000,
  connectTimeoutMs: 15_000,
  queueMaxSize: 100,
  queueTimeoutMs: 10_000,
  allowInsecureWs: false,
  resume: true,
});
