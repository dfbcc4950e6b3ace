import { isClientId, isClientMode, isRole, type ClientId, type ClientMode, type EventMap, type Role } from '@gatewire/protocol/lite';
import { version as packageVersion } from '../package.json';
import { brandGatewireError } from './errors/gatewire-error';
import { silentLogger } from './logger';
import { DEFAULT_CLIENT_OPTIONS, type GatewayClientOptions } from './options';
import { RECONNECT_DEFAULTS, RECONNECT_DISABLED } from './reconnect-policy';
import type { ResolvedClientInfo, ResolvedClientOptions } from './resolved-options';
import { isLocalOrPrivateHost } from './url-policy';

export type { ResolvedClientInfo, ResolvedClientOptions } from './resolved-options';

/**
 * Thrown at construction for invalid options: a `TypeError` (as `ws` does) that is also an SDK
 * error, so `GatewayClientError.isInstance(error, "INVALID_OPTIONS")` recognises it.
 */
export class InvalidOptionsError extends TypeError {
  readonly code = 'INVALID_OPTIONS' as const;
  readonly family = 'sdk' as const;
  constructor(message: string) {
    super(`GatewayClient: ${message}`);
    this.name = 'InvalidOptionsError';
    brandGatewireError(this);
  }
}

/** Apply the defaults and reject invalid combinations with an {@link InvalidOptionsError}. */
export function resolveClientOptions<E extends EventMap>(options: GatewayClientOptions<E>, identity: ClientIdentityDefaults = DEFAULT_CLIENT_IDENTITY): ResolvedClientOptions {
  const url = checkEndpoint(options.url ?? DEFAULT_CLIENT_OPTIONS.url);
  const { secure } = url;
  if (!secure && options.allowInsecureWs !== true && !url.localOrPrivate) {
    throw new InvalidOptionsError(
      `refusing plain ws:// to the public host ${url.hostname}: use wss:// or set allowInsecureWs: true`,
    );
  }
  const role = options.role ?? DEFAULT_CLIENT_OPTIONS.role;
  if (!isRole(role)) throw new InvalidOptionsError(`role must be "operator" or "node", got ${String(role)}`);
  const client = resolveClientInfo(options, role, identity);
  if (options.commands !== undefined && role !== 'node') throw new InvalidOptionsError('commands require role: "node"');
  if (options.commands !== undefined && options.nodeInvoke === undefined) {
    throw new InvalidOptionsError("commands require nodeInvoke: nodeInvoke() from '@gatewire/client/node-invoke'");
  }
  return {
    url: url.href,
    secure,
    client,
    role,
    scopes: options.scopes === undefined ? undefined : checkStrings('scopes', options.scopes),
    caps: options.caps === undefined ? NO_STRINGS : checkStrings('caps', options.caps),
    commands: options.commands === undefined ? undefined : checkStrings('commands', options.commands),
    auth: { ...options.auth },
    device: options.deviceAuth?.device,
    identityStore: options.deviceAuth?.identityStore,
    reconnect: options.reconnect === false ? RECONNECT_DISABLED : options.reconnect === undefined ? RECONNECT_DEFAULTS : { ...options.reconnect },
    requestTimeoutMs: checkTimeout('requestTimeoutMs', options.requestTimeoutMs, DEFAULT_CLIENT_OPTIONS.requestTimeoutMs),
    connectTimeoutMs: checkTimeout('connectTimeoutMs', options.connectTimeoutMs, DEFAULT_CLIENT_OPTIONS.connectTimeoutMs) ?? 0,
    queueMaxSize: checkCount('queue.maxSize', options.queue?.maxSize ?? DEFAULT_CLIENT_OPTIONS.queueMaxSize),
    queueTimeoutMs: checkCount('queue.timeoutMs', options.queue?.timeoutMs ?? DEFAULT_CLIENT_OPTIONS.queueTimeoutMs),
    resume: options.resume ?? DEFAULT_CLIENT_OPTIONS.resume,
    logger: options.logger ?? silentLogger,
  };
}

/** No strings (`caps` when none are configured): one frozen array for every client. */
const NO_STRINGS: readonly string[] = Object.freeze([]);

/** What the options need to know about the gateway's URL. */
interface Endpoint {
  readonly text: string;
  /** The normalised URL. */
  readonly href: string;
  readonly hostname: string;
  readonly secure: boolean;
  /** Whether plain `ws://` may reach the host without `allowInsecureWs` (see `url-policy.ts`). */
  readonly localOrPrivate: boolean;
}

/**
 * The endpoint of the last URL checked. Applications (and benchmarks) often create many clients for
 * one gateway: the URL is then parsed and classified once, not per client.
 */
let lastEndpoint: Endpoint | undefined;

function checkEndpoint(text: string): Endpoint {
  if (lastEndpoint?.text === text) return lastEndpoint;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidOptionsError(`url is not a valid URL: ${text}`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new InvalidOptionsError(`url must use ws:// or wss://, got ${url.protocol}`);
  const { href, hostname } = url;
  lastEndpoint = { text, href, hostname, secure: url.protocol === 'wss:', localOrPrivate: isLocalOrPrivateHost(hostname) };
  return lastEndpoint;
}

/** The `client.id` and `client.mode` an entry point uses when the options give none. */
export interface ClientIdentityDefaults {
  readonly id: ClientId;
  readonly mode: ClientMode;
}

/** Node: a backend client (`gateway-client`/`backend`). */
const DEFAULT_CLIENT_IDENTITY: ClientIdentityDefaults = { id: DEFAULT_CLIENT_OPTIONS.clientId, mode: DEFAULT_CLIENT_OPTIONS.clientMode };

function resolveClientInfo<E extends EventMap>(options: GatewayClientOptions<E>, role: Role, identity: ClientIdentityDefaults): ResolvedClientInfo {
  const info = options.client ?? {};
  const id = info.id ?? identity.id;
  if (!isClientId(id)) throw new InvalidOptionsError(`client.id must be one of CLIENT_IDS, got ${String(id)}`);
  const mode = info.mode ?? (role === 'node' ? DEFAULT_CLIENT_OPTIONS.nodeClientMode : identity.mode);
  if (!isClientMode(mode)) throw new InvalidOptionsError(`client.mode must be one of CLIENT_MODES, got ${String(mode)}`);
  return {
    id,
    mode,
    version: nonEmpty('client.version', info.version ?? packageVersion),
    platform: nonEmpty('client.platform', info.platform ?? detectPlatform()),
    displayName: info.displayName,
    deviceFamily: info.deviceFamily,
    instanceId: info.instanceId,
  };
}

function detectPlatform(): string {
  const nodePlatform = (globalThis as { process?: { platform?: unknown } }).process?.platform;
  return typeof nodePlatform === 'string' && nodePlatform.length > 0 ? nodePlatform : 'web';
}

function nonEmpty(name: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new InvalidOptionsError(`${name} must be a non-empty string`);
  return value;
}

function checkStrings(name: string, values: readonly string[]): readonly string[] {
  if (!Array.isArray(values) || values.some((value) => typeof value !== 'string' || value.length === 0)) {
    throw new InvalidOptionsError(`${name} must be an array of non-empty strings`);
  }
  return [...values];
}

function checkTimeout(name: string, value: number | null | undefined, fallback: number): number | null {
  if (value === null) return null;
  return checkCount(name, value ?? fallback);
}

function checkCount(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new InvalidOptionsError(`${name} must be a finite number >= 0`);
  return value;
}
