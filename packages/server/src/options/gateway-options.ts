import type { EventMap, StatusResult } from '@gatewire/protocol';
import type { IdempotencyStore } from '../methods/idempotency-store';
import type { GatewayLogger } from '../audit/logger';
import type { GatewayAdapter } from '../cluster/adapter';
import type { DeviceStore } from '../devices/device-store';
import type { GatewayEvents } from '../gateway/gateway-events';
import type { HealthHook, SnapshotHook, StatusHook } from '../host-hooks/host-hook-options';
import type { AuthenticateHook, AuthOptions } from './auth-options';
import type { NodePairingOptions } from './node-options';
import type { MetricsOptions } from '../metrics/metrics-options';
import type { MonitorOptions } from '../monitor/monitor-options';
import type { ResumeOptions } from '../resume/resume-options';
import type { AuthRateLimitOptions, PerMessageDeflateOptions } from './limit-options';

/**
 * Options of `createGateway` (and, with the listener options, `startGateway`). Every option is
 * optional; the defaults are {@link gatewayDefaults}.
 */
export interface GatewayOptions<E extends EventMap = EventMap, S extends StatusResult = StatusResult> {
  /** The app's events (beyond the core events), for `features.events`, scope guards and typing. @default {} */
  events?: E;
  /** Authentication mode and secrets. @default { mode: "none" } */
  auth?: AuthOptions;
  /** A host's own identity check, run after the auth mode accepted the client. */
  authenticate?: AuthenticateHook;
  /** CIDRs of reverse proxies whose `X-Forwarded-For` is believed. @default [] */
  trustedProxies?: readonly string[];
  /** Behind a trusted proxy, use `X-Real-IP` when there is no `X-Forwarded-For`. @default false */
  allowRealIpFallback?: boolean;
  /**
   * Origins allowed to open a socket (exact `scheme://host[:port]`, or `"*"`). Requests without
   * `Origin` are not browser requests and are not checked; a loopback origin from a direct local
   * client is always allowed.
   * @default []
   */
  allowedOrigins?: readonly string[];
  /** Where paired devices and their tokens live. @default an in-memory store */
  deviceStore?: DeviceStore;
  /**
   * Node pairing: a node's declared commands answer `node.invoke` only once an operator approved
   * them with `node.pair.approve` (`operator.admin` for dangerous commands).
   * @default { store: an in-memory store, dangerousCommands: DEFAULT_DANGEROUS_NODE_COMMANDS }
   */
  nodePairing?: NodePairingOptions;
  /** Fan-out, presence and node routing back end (swap for a multi-node adapter). @default in memory */
  adapter?: GatewayAdapter;
  /** Listeners registered at construction, so none misses an early event. @default {} */
  listeners?: { [K in keyof GatewayEvents]?: GatewayEvents[K] };
  /**
   * The host's health (e.g. the reference gateway's `HealthSummary`), served by the `health` method,
   * `hello-ok.snapshot.health`, the `health` event after `hello-ok` and the periodic `health`
   * events. It keeps `ok` and `ts` and is plain JSON. The gateway reports its latest result, run
   * again every `healthIntervalMs`, on each `health` call and on `publishHealth()` (runs asked for
   * while one is under way share it); the first handshake waits for the first run. A failing run
   * (throws, rejects, takes over `hostHookTimeoutMs`, returns something else than that JSON) makes
   * the report the gateway's own health with `ok: false` and `error: {code, message}`, and emits
   * `error`. See docs/guides/embedding.md.
   * @default undefined (the gateway's own `{ok, ts, durationMs}`)
   */
  health?: HealthHook;
  /**
   * The host's `status` result, run on each `status` call and each `gateway.status()`: the
   * gateway's own fields (`context.base`) and the host's. A failing run emits `error` and answers
   * `UNAVAILABLE` with `details.code` one of the `HostHookErrorCodes` (`gateway.status()` rejects
   * with the `HostHookError`).
   * @default undefined (the gateway's own status)
   */
  status?: StatusHook<S>;
  /**
   * Fields the host adds to each connection's `hello-ok.snapshot` (the reference's
   * `appliedConfigHash`, `sessionDefaults`, …), run once per handshake with the connection's role
   * and scopes. The fields the gateway owns (`presence`, `health`, `stateVersion`, `uptimeMs`,
   * `authMode`) cannot be set. A failing run leaves the snapshot as the gateway's own, emits `error`
   * and never fails the handshake.
   * @default undefined (no host fields)
   */
  snapshot?: SnapshotHook;
  /**
   * Time a `health`, `status` or `snapshot` hook has to settle, ms; then it fails
   * `HOST_HOOK_TIMEOUT` and its `signal` aborts. With a `health` or `snapshot` hook it must be below
   * `handshakeTimeoutMs` (a handshake may wait for them).
   * @default 5000
   */
  hostHookTimeoutMs?: number;
  /** Audit and error log (pino-compatible). @default silent */
  logger?: GatewayLogger;
  /** Version reported in `hello-ok.server.version` and `status`. @default this package's version */
  serverVersion?: string;
  /** Extra `hello-ok.features.capabilities`. @default [] */
  capabilities?: readonly string[];
  /** Time a client has to complete the handshake after the socket opens, ms. @default 15000 */
  handshakeTimeoutMs?: number;
  /** Largest frame accepted before authentication, bytes (close 1009 above). @default 65536 */
  preAuthMaxPayloadBytes?: number;
  /** Largest frame accepted after authentication, bytes (close 1009 above). @default 26214400 */
  maxPayloadBytes?: number;
  /**
   * Bytes of frames queued while `connect` is processed (each frame counted as its size plus 64
   * bytes); a frame that would exceed it closes the socket 1008
   * "too many pending handshake frames". The queued frames are handled after `hello-ok`.
   * @default 262144
   */
  maxPendingHandshakeBytes?: number;
  /**
   * Outgoing bytes buffered per socket above which droppable events are dropped (each still spends
   * its `seq`, so the client sees a gap) and anything else closes the socket 1008 "slow consumer".
   * @default 52428800
   */
  maxBufferedBytes?: number;
  /**
   * How long a connection may stay over `maxBufferedBytes`, dropping events, before it is closed
   * 1008 "slow consumer", ms. The clock starts at the first dropped event and stops at the next
   * event sent.
   * @default 30000
   */
  slowConsumerTimeoutMs?: number;
  /** Interval of `tick` events, ms. @default 30000 */
  tickIntervalMs?: number;
  /** Interval of WebSocket pings, ms. @default 25000 */
  pingIntervalMs?: number;
  /** Time to wait for a pong before terminating the socket, ms. @default 25000 */
  pongTimeoutMs?: number;
  /** Interval of `health` broadcasts (with `stateVersion`), ms. @default 60000 */
  healthIntervalMs?: number;
  /**
   * Presence changes within this window are sent as one `presence` broadcast: the first change
   * after a quiet window at once, the others folded into one broadcast at the window's end (the
   * full list, as always). Bounds what a client churning connections costs each operator, ms.
   * @default 250
   */
  presenceCoalesceMs?: number;
  /** Allowed distance between `device.signedAt` and the gateway clock, ms. @default 120000 */
  deviceSignatureSkewMs?: number;
  /**
   * Unauthenticated sockets per client IP. A new socket from an address at its budget evicts the
   * address's oldest unauthenticated socket (idle ones first; close 1013) instead of being refused,
   * so one local process cannot lock the operator's own CLI out.
   * @default 32
   */
  maxUnauthenticatedPerIp?: number;
  /** Open sockets in total; more are refused with HTTP 503. @default 10000 */
  maxConnections?: number;
  /** Handlers running at once for one connection; more answer `UNAVAILABLE` busy. @default 32 */
  maxConcurrentHandlersPerConnection?: number;
  /** Handlers running at once across the gateway; more wait in the queue. @default 256 */
  maxConcurrentHandlers?: number;
  /** Requests waiting for a handler slot across the gateway; more answer `UNAVAILABLE` busy. @default 256 */
  maxQueuedRequests?: number;
  /** `retryAfterMs` sent with a busy answer, ms. @default 1000 */
  busyRetryAfterMs?: number;
  /** Consecutive unauthorized calls tolerated on one socket; one more closes it 1008. @default 10 */
  maxConsecutiveUnauthorizedCalls?: number;
  /** How long an idempotent result is remembered, ms. @default 300000 */
  idempotencyTtlMs?: number;
  /** Idempotent results remembered at most (oldest evicted first). @default 1000 */
  idempotencyMaxEntries?: number;
  /**
   * Results of keyed calls shared with the other gateways of a cluster (e.g. `RedisIdempotencyStore`
   * of `@gatewire/adapter-redis`), so a retry that lands on another gateway does not run twice.
   * Asked only for keys this gateway does not remember itself.
   * @default undefined (results are remembered by this process only)
   */
  idempotencyStore?: IdempotencyStore;
  /** `node.invoke` timeout when the caller gives none, ms. @default 30000 */
  nodeInvokeTimeoutMs?: number;
  /**
   * Pending device pairing requests kept at once, all devices together. A device that would open one
   * more is refused at `connect` (and in `device.scopes.requestUpgrade`) with `UNAVAILABLE` /
   * `PAIRING_REQUESTS_FULL`, retryable once the oldest request expires; a device that already has a
   * request may still refresh or replace it. @default 100
   */
  maxPendingPairingRequests?: number;
  /**
   * How long a pending device pairing request waits for an operator after the device last asked,
   * ms; then it is dropped (`device.pair.resolved` `rejected`, `reason: "expired"`) and approving
   * it answers `APPROVAL_NOT_FOUND`. @default 300000
   */
  pairingRequestTtlMs?: number;
  /** Validate handler results against their schema (development aid). @default process.env.NODE_ENV === "development" */
  validateResults?: boolean;
  /** Auth failure rate limiting. */
  authRateLimit?: AuthRateLimitOptions;
  /** permessage-deflate; `false` disables it. @default false */
  perMessageDeflate?: false | PerMessageDeflateOptions;
  /**
   * Resumable event streams (Gatewire extension `gatewire.resume.v1`): connections that send the
   * capability in `caps` get a bounded replay buffer kept for `retentionMs` after they close, and
   * `gateway.resume` replays what they missed. Other connections are unaffected. `false` disables
   * it (no capability advertised, no `gateway.resume`).
   * @default { retentionMs: 120000, maxEvents: 10000, maxBytes: 4194304 }
   */
  resume?: ResumeOptions | false;
  /**
   * The operator monitor feed (Gatewire extension): `monitor.snapshot`, `monitor.subscribe` and
   * `monitor.unsubscribe` for `operator.admin` callers, and coalesced `monitor.update` events to
   * subscribers (connections, request rate and latency per method, refusals, slow-consumer closes,
   * recent events). `false` disables it (the methods are not registered, nothing is collected).
   * @default { updateIntervalMs: 250, maxMethods: 64, maxConnectionsListed: 500, maxConnectionChangesPerUpdate: 200, incidentsKept: 100, recentEventsKept: 100 }
   */
  monitor?: MonitorOptions | false;
  /** Time `close()` waits for clients to finish the closing handshake before terminating them, ms. @default 2000 */
  shutdownTimeoutMs?: number;
  /**
   * Prometheus metrics (prom-client), counted from the gateway's start: `true` for the defaults, or
   * options (the host's registry, a prefix, histogram buckets). Without it, the first
   * `gateway.metrics()` call turns them on and counts from then. See docs/guides/observability.md.
   * @default false
   */
  metrics?: boolean | MetricsOptions;
  /**
   * With `@opentelemetry/api` installed (an optional peer dependency), each request that runs a
   * handler is a server span of the host's tracer, continuing the caller's trace from the frame's
   * `traceparent`. `false` turns it off.
   * @default true
   */
  tracing?: boolean;
}
