import {
  buildDeviceAuthPayload,
  clientProtocolWindow,
  resolveSignedToken,
  type ConnectAuth,
  type ConnectParams,
  type HelloOk,
} from '@gatewire/protocol/lite';
import type { Challenge, ConnectInput, ConnectRequest } from './connect-request';
import { DEFAULT_CLIENT_OPTIONS } from './options';
import { challengeCapabilities, connectCaps } from './resume/negotiation';
import type { AuthOptions } from './options';
import type { ResolvedClientInfo, ResolvedClientOptions } from './resolve-options';
import { fieldOf } from './field-of';

export type { Challenge, ConnectInput, ConnectRequest } from './connect-request';

/** Read a `connect.challenge` payload: a non-empty nonce and a safe non-negative integer `ts`. */
export function parseChallenge(payload: unknown): Challenge | undefined {
  const nonce = fieldOf(payload, 'nonce');
  const ts = fieldOf(payload, 'ts');
  if (typeof nonce !== 'string' || nonce.trim().length === 0) return undefined;
  if (typeof ts !== 'number' || !Number.isSafeInteger(ts) || ts < 0) return undefined;
  return { nonce, ts, capabilities: challengeCapabilities(payload) };
}

/**
 * Build the `connect` params: protocol window, client info, role and scopes, credentials and, when a
 * device identity is configured, the v3 signature (`signedAt` = challenge `ts`, token =
 * `auth.token ?? auth.deviceToken ?? auth.bootstrapToken`). At once when the signer signs
 * synchronously (the Node build's), else once the signature resolves.
 */
export function buildConnectParams(options: ResolvedClientOptions, input: ConnectInput): ConnectRequest | Promise<ConnectRequest> {
  const request = buildUnsignedConnectParams(options, input);
  const { device, challenge } = input;
  if (device === undefined) return request;
  const { params } = request;
  const { client, role } = options;
  const { nonce, ts } = challenge;
  const payload = buildDeviceAuthPayload('v3', {
    deviceId: device.deviceId,
    clientId: client.id,
    clientMode: client.mode,
    role,
    scopes: params.scopes ?? [],
    signedAtMs: ts,
    token: resolveSignedToken(params.auth ?? {}),
    nonce,
    platform: client.platform,
    deviceFamily: client.deviceFamily,
  });
  const signed = input.signer === undefined ? device.sign(payload) : input.signer(device, payload);
  const withSignature = (signature: string): ConnectRequest => {
    params.device = { id: device.deviceId, publicKey: device.publicKey, signature, signedAt: ts, nonce };
    return request;
  };
  return typeof signed === 'string' ? withSignature(signed) : signed.then(withSignature);
}

/**
 * The `connect` params without a device signature, at once (what a client without a device identity
 * sends). Built field by field in the order they are sent, with no intermediate objects: this runs
 * on every connection.
 */
export function buildUnsignedConnectParams(options: ResolvedClientOptions, input: Omit<ConnectInput, 'device'>): ConnectRequest {
  const { client, role } = options;
  const storedToken = input.storedToken;
  const preferStored = input.preferStoredToken === true && storedToken !== undefined;
  const explicit: Readonly<AuthOptions> = preferStored ? { password: options.auth.password } : options.auth;
  const useStored = storedToken !== undefined && explicit.token === undefined && explicit.deviceToken === undefined;
  const scopes = options.scopes ?? (useStored ? storedToken.scopes : undefined) ?? defaultScopes(role);
  const window = clientProtocolWindow({ role, mode: client.mode });
  const params: ConnectParams = {
    minProtocol: window.minProtocol,
    maxProtocol: window.maxProtocol,
    client: connectClientInfo(client),
    role,
    scopes: scopes.slice(),
    caps: connectCaps(options.caps, options.resume, input.challenge.capabilities ?? NO_CAPABILITIES),
  };
  if (options.commands !== undefined) params.commands = options.commands.slice();
  const auth = connectAuth(explicit, useStored ? storedToken.token : undefined);
  if (auth !== undefined) params.auth = auth;
  return { params, usedStoredToken: useStored, storedTokenAvailable: storedToken !== undefined };
}

const NO_CAPABILITIES: readonly string[] = Object.freeze([]);

/** `connect.params.client`: the resolved client info without its unset fields. */
function connectClientInfo(client: ResolvedClientInfo): ConnectParams['client'] {
  const info: ConnectParams['client'] = { id: client.id, version: client.version, platform: client.platform, mode: client.mode };
  if (client.displayName !== undefined) info.displayName = client.displayName;
  if (client.deviceFamily !== undefined) info.deviceFamily = client.deviceFamily;
  if (client.instanceId !== undefined) info.instanceId = client.instanceId;
  return info;
}

/** `connect.params.auth`: the credentials that are set, or `undefined` when none is. */
function connectAuth(explicit: Readonly<AuthOptions>, storedDeviceToken: string | undefined): ConnectAuth | undefined {
  const { token, bootstrapToken, password } = explicit;
  const deviceToken = explicit.deviceToken ?? storedDeviceToken;
  if (token === undefined && deviceToken === undefined && bootstrapToken === undefined && password === undefined) return undefined;
  const auth: ConnectAuth = {};
  if (token !== undefined) auth.token = token;
  if (deviceToken !== undefined) auth.deviceToken = deviceToken;
  if (bootstrapToken !== undefined) auth.bootstrapToken = bootstrapToken;
  if (password !== undefined) auth.password = password;
  return auth;
}

/** The scopes requested when none are configured and no stored token says otherwise. */
export function defaultScopes(role: string): readonly string[] {
  return role === 'node' ? [] : DEFAULT_CLIENT_OPTIONS.operatorScopes;
}

/**
 * Check the fields of `hello-ok` the client relies on (`type`, `protocol`, `auth`, `policy`);
 * other fields are kept as they are (the object is open: newer gateways add fields). The method and
 * event names of `features` are replaced by equal strings shared between clients (see
 * {@link shareNames}).
 */
export function parseHelloOk(payload: unknown): HelloOk | undefined {
  if (fieldOf(payload, 'type') !== 'hello-ok' || typeof fieldOf(payload, 'protocol') !== 'number') return undefined;
  const auth = fieldOf(payload, 'auth');
  if (typeof fieldOf(auth, 'role') !== 'string' || !Array.isArray(fieldOf(auth, 'scopes'))) return undefined;
  if (typeof fieldOf(fieldOf(payload, 'policy'), 'tickIntervalMs') !== 'number') return undefined;
  const features = fieldOf(payload, 'features');
  sharedMethods = shareNames(fieldOf(features, 'methods'), sharedMethods);
  sharedEvents = shareNames(fieldOf(features, 'events'), sharedEvents);
  return payload as HelloOk;
}

/** The `features.methods` and `features.events` of the last different `hello-ok`, whose strings later ones reuse. */
let sharedMethods: readonly unknown[] | undefined;
let sharedEvents: readonly unknown[] | undefined;

/**
 * Replace each entry of `names` (a list of `hello-ok.features`) that equals the entry at the same
 * place in `shared` (the list of an earlier `hello-ok`) by that one, in place, and return the list
 * to share from then on (a copy of `names` when it differs in length: a new gateway). Every client
 * of one gateway gets the same names, which `JSON.parse` makes anew for each; shared, a client of a
 * Gatewire gateway keeps ~1.3 KiB less, and the copies die young. Comparing by position costs far
 * less than a look-up table (each look-up hashes a fresh string). Equal strings are
 * indistinguishable, so what `client.hello` holds is unchanged.
 */
function shareNames(names: unknown, shared: readonly unknown[] | undefined): readonly unknown[] | undefined {
  if (!Array.isArray(names)) return shared;
  if (shared === undefined || shared.length !== names.length) return names.slice();
  for (let index = 0; index < names.length; index++) if (names[index] === shared[index]) names[index] = shared[index];
  return shared;
}
