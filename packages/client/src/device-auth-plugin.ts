import type { DeviceAuthOptions, DeviceAuthPlugin } from './device-auth-session';
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
  return {
    ...(device === undefined ? {} : { device }),
    ...(identityStore === undefined ? {} : { identityStore }),
    createSession: (resolved, signer) => new DeviceSession(resolved, signer),
  };
}
