import type { DeviceAuthOptions, DeviceAuthPlugin, DeviceAuthSession } from './device-auth-session';
import type { DeviceSigner } from './device/device-signer';
import type { ResolvedClientOptions } from './resolved-options';
import { DeviceSession } from './device-session';

/**
 * Device identity for a client: the v3 device signature in `connect` and, with an `identityStore`,
 * the stored identity and the device tokens the gateway issues, rotates and revokes. Pass the result
 * as the client's `deviceAuth` option; one value may serve several clients (each gets its own state).
 *
 * @example
 * new GatewayClient({ url, auth: { token }, deviceAuth: deviceAuth({ identityStore: new IndexedDbIdentityStore() }) });
 */
export function deviceAuth(options: DeviceAuthOptions = {}): DeviceAuthPlugin {
  const { device, identityStore } = options;
  // Written out rather than spread in: this often runs once per client (no object copies).
  if (device === undefined) return identityStore === undefined ? { createSession } : { identityStore, createSession };
  return identityStore === undefined ? { device, createSession } : { device, identityStore, createSession };
}

/** {@link DeviceAuthPlugin.createSession}: one function for every plugin value. */
function createSession(resolved: ResolvedClientOptions, signer: DeviceSigner | undefined): DeviceAuthSession {
  return new DeviceSession(resolved, signer);
}
