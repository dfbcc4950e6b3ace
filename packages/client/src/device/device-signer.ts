import type { DeviceIdentity } from './identity';

/**
 * How the client signs the `connect` payload with a device identity: the base64url Ed25519
 * signature of the UTF-8 payload, the same bytes as {@link DeviceIdentity.sign}. Each build plugs in
 * its platform's fastest Ed25519 (the Node build signs with `node:crypto`, synchronously); without
 * one the client signs with `identity.sign`, WebCrypto.
 */
export type DeviceSigner = (identity: DeviceIdentity, payload: string) => string | Promise<string>;
