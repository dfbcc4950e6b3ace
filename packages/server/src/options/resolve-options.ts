import type { EventMap } from '@gatewire/protocol';
import type { IdempotencyStore } from '../methods/idempotency-store';
import { silentLogger, type GatewayLogger } from '../audit/logger';
import { InMemoryAdapter, type GatewayAdapter } from '../cluster/adapter';
import { MemoryDeviceStore } from '../devices/memory-device-store';
import type { DeviceStore } from '../devices/device-store';
import { MemoryNodePairingStore } from '../nodes/memory-node-pairing-store';
import type { NodePairingStore } from '../nodes/node-pairing-store';
import { DEFAULT_DANGEROUS_NODE_COMMANDS } from './node-options';
import { parseCidrList, type CidrList } from '../net/ip-address';
import { resolveMonitorOptions, type ResolvedMonitorOptions } from '../monitor/monitor-options';
import { resolveResumeOptions, type ResolvedResumeOptions } from '../resume/resume-options';
import type { HealthHook, SnapshotHook, StatusHook } from '../host-hooks/host-hook-options';
import type { AuthenticateHook } from './auth-options';
import { gatewayDefaults } from './defaults';
import { resolveAuth, type ResolvedAuth } from './resolve-auth';
import type { GatewayOptions } from './gateway-options';

type Defaults = typeof gatewayDefaults;
type NumericKey = { [K in keyof Defaults]: Defaults[K] extends number ? K : never }[keyof Defaults];

/** Options with every default applied and every combination checked. */
export interface ResolvedGatewayOptions extends Record<NumericKey, number>, ResolvedAuth {
  readonly events: EventMap;
  readonly authenticate: AuthenticateHook | undefined;
  readonly health: HealthHook | undefined;
  readonly status: StatusHook | undefined;
  readonly snapshot: SnapshotHook | undefined;
  readonly trustedProxies: CidrList;
  readonly allowRealIpFallback: boolean;
  readonly allowedOrigins: readonly string[];
  readonly deviceStore: DeviceStore;
  readonly idempotencyStore: IdempotencyStore | undefined;
  readonly nodePairing: { readonly store: NodePairingStore; readonly dangerousCommands: ReadonlySet<string> };
  readonly adapter: GatewayAdapter;
  readonly logger: GatewayLogger;
  readonly serverVersion: string;
  readonly capabilities: readonly string[];
  readonly validateResults: boolean;
  readonly tracing: boolean;
  readonly authRateLimit: { -readonly [K in keyof Defaults['authRateLimit']]: Defaults['authRateLimit'][K] extends boolean ? boolean : number };
  readonly perMessageDeflate: false | { thresholdBytes: number; concurrencyLimit: number };
  readonly resume: ResolvedResumeOptions | false;
  readonly monitor: ResolvedMonitorOptions | false;
}

const NUMERIC_KEYS = Object.keys(gatewayDefaults).filter(
  (key) => typeof gatewayDefaults[key as keyof Defaults] === 'number',
) as NumericKey[];

function checkCount(name: string, value: unknown, allowZero = false): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new TypeError(`gateway option ${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Apply {@link gatewayDefaults} and reject invalid combinations with a `TypeError` that names the
 * option, so a misconfigured gateway fails at construction rather than at the first client.
 */
export function resolveGatewayOptions(options: GatewayOptions = {}): ResolvedGatewayOptions {
  const numeric = {} as Record<NumericKey, number>;
  for (const key of NUMERIC_KEYS) numeric[key] = checkCount(key, options[key] ?? gatewayDefaults[key]);
  if (numeric.preAuthMaxPayloadBytes > numeric.maxPayloadBytes) {
    throw new TypeError('gateway option preAuthMaxPayloadBytes must not exceed maxPayloadBytes');
  }
  for (const hook of ['health', 'status', 'snapshot'] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== 'function') throw new TypeError(`gateway option ${hook} must be a function`);
  }
  if ((options.health !== undefined || options.snapshot !== undefined) && numeric.hostHookTimeoutMs >= numeric.handshakeTimeoutMs) {
    throw new TypeError('gateway option hostHookTimeoutMs must be below handshakeTimeoutMs when a health or snapshot hook is set (a handshake may wait for them)');
  }
  const trustedProxies = parseCidrList(options.trustedProxies ?? gatewayDefaults.trustedProxies);
  const auth = resolveAuth(options.auth ?? {}, trustedProxies);
  const rate = { ...gatewayDefaults.authRateLimit, ...options.authRateLimit };
  for (const key of ['maxFailures', 'windowMs', 'lockoutMs', 'loopbackMaxDelayMs'] as const) checkCount(`authRateLimit.${key}`, rate[key]);
  checkCount('authRateLimit.loopbackDelayMs', rate.loopbackDelayMs, true);
  const deflate = options.perMessageDeflate;
  return {
    ...numeric,
    events: options.events ?? {},
    ...auth,
    authenticate: options.authenticate,
    health: options.health,
    status: options.status,
    snapshot: options.snapshot,
    trustedProxies,
    allowRealIpFallback: options.allowRealIpFallback ?? gatewayDefaults.allowRealIpFallback,
    allowedOrigins: options.allowedOrigins ?? gatewayDefaults.allowedOrigins,
    deviceStore: options.deviceStore ?? new MemoryDeviceStore(),
    idempotencyStore: options.idempotencyStore,
    nodePairing: {
      store: options.nodePairing?.store ?? new MemoryNodePairingStore(),
      dangerousCommands: new Set(options.nodePairing?.dangerousCommands ?? DEFAULT_DANGEROUS_NODE_COMMANDS),
    },
    adapter: options.adapter ?? new InMemoryAdapter(),
    logger: options.logger ?? silentLogger,
    serverVersion: options.serverVersion ?? gatewayDefaults.serverVersion,
    capabilities: options.capabilities ?? gatewayDefaults.capabilities,
    validateResults: options.validateResults ?? process.env['NODE_ENV'] === 'development',
    tracing: options.tracing ?? true,
    authRateLimit: rate,
    perMessageDeflate: deflate ? { ...gatewayDefaults.perMessageDeflate, ...deflate } : false,
    resume: resolveResumeOptions(options.resume, numeric.maxPayloadBytes),
    monitor: resolveMonitorOptions(options.monitor),
  };
}
