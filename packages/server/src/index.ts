/**
 * `@gatewire/server`: an embeddable and standalone WebSocket gateway, wire-compatible with the
 * OpenClaw gateway protocol v4. The core works on a small socket interface; `ws` sits behind a thin
 * adapter.
 */
export { Gateway, createGateway } from './gateway/gateway';
export type { AttachOptions, BroadcastOptions, GatewayAttachment, GatewayEventMap, StatusOptions } from './gateway/gateway';
export type { OtherPathsPolicy } from './gateway/upgrade-routing';
export type {
  CloseEvent,
  ConnectionEvent,
  DisconnectEvent,
  GatewayErrorEvent,
  GatewayEvents,
  ListeningEvent,
  NodeEventEvent,
  RefusedEvent,
} from './gateway/gateway-events';
export type { ShutdownOptions } from './gateway/shutdown';
export type { Instrumentation } from './instrumentation/instrumentation';
export type {
  AuthLockoutEvent,
  BroadcastEvent,
  BusyEvent,
  ConnectionClosedEvent,
  ConnectionOpenedEvent,
  HandshakeEvent,
  InstrumentationEvents,
  NodeInvokeEvent,
  RequestEvent,
  ResumeEvent,
  SlowConsumerEvent,
  UpgradeRefusedEvent,
} from './instrumentation/instrumentation-events';
export type { ConnectionStateCounts, InstrumentationSnapshot } from './instrumentation/instrumentation-snapshot';
export { metricsDefaults } from './metrics/metrics-options';
export type { MetricsOptions } from './metrics/metrics-options';
export { createMetricsRequestHandler } from './metrics/metrics-route';
export type { MetricsRequestHandler, MetricsRouteOptions, MetricsRouteSource } from './metrics/metrics-route';
export type { CallOutcome } from './audit/audit-log';
export type { ConnectionState } from './connection/connection';
export { startGateway } from './standalone/start-gateway';
export type { StandaloneGateway } from './standalone/start-gateway';
export { standaloneDefaults } from './standalone/standalone-options';
export type { BindMode, HttpRouteHandler, StartGatewayOptions, TlsOptions } from './standalone/standalone-options';
export { gatewayDefaults } from './options/defaults';
export { resolveGatewayOptions } from './options/resolve-options';
export type { ResolvedGatewayOptions } from './options/resolve-options';
export type { GatewayOptions } from './options/gateway-options';
export type { ReconfigurableOptions } from './options/reconfigure';
export type { AuthenticateContext, AuthenticateHook, AuthenticateResult, AuthMode, AuthOptions, TrustedProxyAuthOptions } from './options/auth-options';
export type { AuthRateLimitOptions, PerMessageDeflateOptions } from './options/limit-options';
export type { ConnectionInfo } from './connection/connection-info';
export type { MethodContext, MethodHandler } from './methods/method-context';
export { MethodError } from './errors/method-error';
export { HostHookError } from './errors/host-hook-error';
export type { HostHookName } from './errors/host-hook-error';
export { GATEWAY_SNAPSHOT_FIELDS } from './host-hooks/host-hook-options';
export type { HealthHook, HealthHookContext, SnapshotExtras, SnapshotHook, SnapshotHookContext, StatusHook, StatusHookContext } from './host-hooks/host-hook-options';
export { MAX_HOOK_RESULT_DEPTH } from './host-hooks/json-copy';
export type { MethodErrorOptions } from './errors/method-error';
export type { CallResult } from './methods/idempotency-cache';
export type { IdempotencyClaim, IdempotencyStore } from './methods/idempotency-store';
export type { GatewaySocket, SocketHandlers } from './transport/socket';
export { bindWebSocket } from './transport/ws-adapter';
export type { WebSocketConnectionListener, WebSocketData, WebSocketLike, WebSocketServerLike } from './transport/ws-types';
export { toUpgradeRequest } from './transport/upgrade-request';
export type { RequestHeaders, UpgradeRequest } from './transport/upgrade-request';
export { createHealthRequestHandler } from './http/health-routes';
export type { HealthProbe, HealthRequestHandler } from './http/health-routes';
export { SECURITY_HEADERS } from './http/security-headers';
export { InMemoryAdapter } from './cluster/adapter';
export { InMemoryReplayStore } from './resume/replay-store';
export type { RemoteResumeRequest, ReplayStore, StreamLookup } from './resume/replay-store';
export { ownsStream } from './resume/resume-ownership';
export { ReplayStream } from './resume/replay-stream';
export type { StreamOwner } from './resume/replay-stream';
export { ReplayBuffer } from './resume/replay-buffer';
export type { ReplayBufferLimits, ReplayGap } from './resume/replay-buffer';
export { SerializedBroadcast } from './events/serialized-broadcast';
export { resumeDefaults } from './resume/resume-options';
export { monitorDefaults } from './monitor/monitor-options';
export type { MonitorOptions, ResolvedMonitorOptions } from './monitor/monitor-options';
export type { ResolvedResumeOptions, ResumeOptions } from './resume/resume-options';
export type { AdapterHealth, AdapterObservation, BroadcastMessage, GatewayAdapter, LocalDelivery, NodePairingChange, NodeRoute, TargetedMessage } from './cluster/adapter';
export type { DeviceRecord, DeviceStore, StoredDeviceToken } from './devices/device-store';
export { MemoryDeviceStore } from './devices/memory-device-store';
export { FileDeviceStore } from './devices/file-device-store';
export type { NodePairingStore } from './nodes/node-pairing-store';
export { MemoryNodePairingStore } from './nodes/memory-node-pairing-store';
export { FileNodePairingStore } from './nodes/file-node-pairing-store';
export { DEFAULT_DANGEROUS_NODE_COMMANDS } from './options/node-options';
export type { NodePairingOptions } from './options/node-options';
export { createJsonLinesLogger, silentLogger } from './audit/logger';
export type { GatewayLogger, LineSink, LogLevel } from './audit/logger';
export { version } from './version';
