import {
  buildDeviceAuthPayload,
  clientProtocolWindow,
  resolveSignedToken,
  type ConnectAuth,
  type ConnectParams,
  type HelloOk,
} from '@gatewire/protocol/lite';
import type { DeviceIdentity } from './device/identity';
import type { StoredDeviceToken } from './device/identity-store';
import { DEFAULT_CLIENT_OPTIONS } from './options';
import { challengeCapabilities, connectCaps } from './resume/negotiation';
import type { ResolvedClientOptions } from './resolve-options';
import { fieldOf } from './field-of';
import { definedFields } from './defined-fields';

/** The part of `connect.challenge` a client uses. */
export interface Challenge {
  readonly nonce: string;
  readonly ts: number;
  /** Capabilities the gateway offers before `connect` (e.g. `gatewire.resume.v1`). */
  readonly capabilities?: readonly string[];
}

/** Read a `connect.challenge` payload: a non-empty nonce and a safe non-negative integer `ts`. */
export function parseChallenge(payload: unknown): Challenge | undefined {
  const nonce = fieldOf(payload, 'nonce');
  const ts = fieldOf(payload, 'ts');
  if (typeof nonce !== 'string' || nonce.trim().length === 0) return undefined;
  if (typeof ts !== 'number' || !Number.isSafeInteger(ts) || ts < 0) return undefined;
  return { nonce, ts, capabilities: challengeCapabilities(payload) };
}

/** Everything {@link buildConnectParams} needs besides the options. */
export interface ConnectInput {
  readonly challenge: Challenge;
  readonly device: DeviceIdentity | undefined;
  /** The device token stored for (device, role), if any. */
  readonly storedToken: StoredDeviceToken | undefined;
  /**
   * Send the stored device token instead of the configured `token`/`deviceToken` (the one retry
   * after `AUTH_TOKEN_MISMATCH` on a trusted endpoint).
   */
  readonly preferStoredToken?: boolean;
}

/** What the client sent, to interpret the answer. */
export interface ConnectRequest {
  readonly params: ConnectParams;
  /** Whether `auth.deviceToken` came from the identity store. */
  readonly usedStoredToken: boolean;
  /** Whether the store had a device token for this device and role. */
  readonly storedTokenAvailable: boolean;
}

/**
 * Build the `connect` params: protocol window, client info, role and scopes, credentials and, when a
 * device identity is configured, the v3 signature (`signedAt` = challenge `ts`, token =
 * `auth.token ?? auth.deviceToken ?? auth.bootstrapToken`).
 */
export async function buildConnectParams(options: ResolvedClientOptions, input: ConnectInput): Promise<ConnectRequest> {
  const { client, role } = options;
  const preferStored = input.preferStoredToken === true && input.storedToken !== undefined;
  const explicit = preferStored ? { password: options.auth.password } : options.auth;
  const useStored = input.storedToken !== undefined && explicit.token === undefined && explicit.deviceToken === undefined;
  const auth: ConnectAuth = definedFields({
    token: explicit.token,
    deviceToken: explicit.deviceToken ?? (useStored ? input.storedToken?.token : undefined),
    bootstrapToken: explicit.bootstrapToken,
    password: explicit.password,
  });
  const scopes = options.scopes ?? (useStored ? input.storedToken?.scopes : undefined) ?? defaultScopes(role);
  const params: ConnectParams = {
    ...clientProtocolWindow({ role, mode: client.mode }),
    client: definedFields({
      id: client.id,
      version: client.version,
      platform: client.platform,
      mode: client.mode,
      displayName: client.displayName,
      deviceFamily: client.deviceFamily,
      instanceId: client.instanceId,
    }) as ConnectParams['client'],
    role,
    scopes: [...scopes],
    caps: connectCaps(options.caps, options.resume, input.challenge.capabilities ?? []),
  };
  if (options.commands !== undefined) params.commands = [...options.commands];
  if (Object.keys(auth).length > 0) params.auth = auth;
  if (input.device !== undefined) {
    const { nonce, ts } = input.challenge;
    const payload = buildDeviceAuthPayload('v3', {
      deviceId: input.device.deviceId,
      clientId: client.id,
      clientMode: client.mode,
      role,
      scopes,
      signedAtMs: ts,
      token: resolveSignedToken(auth),
      nonce,
      platform: client.platform,
      deviceFamily: client.deviceFamily,
    });
    const signature = await input.device.sign(payload);
    params.device = { id: input.device.deviceId, publicKey: input.device.publicKey, signature, signedAt: ts, nonce };
  }
  return { params, usedStoredToken: useStored, storedTokenAvailable: input.storedToken !== undefined };
}

/** The scopes requested when none are configured and no stored token says otherwise. */
export function defaultScopes(role: string): readonly string[] {
  return role === 'node' ? [] : DEFAULT_CLIENT_OPTIONS.operatorScopes;
}

/**
 * Check the fields of `hello-ok` the client relies on (`type`, `protocol`, `auth`, `policy`);
 * other fields are kept as they are (the object is open: newer gateways add fields).
 */
export function parseHelloOk(payload: unknown): HelloOk | undefined {
  if (fieldOf(payload, 'type') !== 'hello-ok' || typeof fieldOf(payload, 'protocol') !== 'number') return undefined;
  const auth = fieldOf(payload, 'auth');
  if (typeof fieldOf(auth, 'role') !== 'string' || !Array.isArray(fieldOf(auth, 'scopes'))) return undefined;
  return typeof fieldOf(fieldOf(payload, 'policy'), 'tickIntervalMs') === 'number' ? (payload as HelloOk) : undefined;
}
