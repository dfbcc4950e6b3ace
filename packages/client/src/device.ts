/**
 * `@gatewire/client/device`: device identity for a client, kept out of the default entry so that a
 * client without one stays small. Pass `deviceAuth({ device, identityStore })` as the client's
 * `deviceAuth` option. The identity ({@link DeviceIdentity}, Ed25519 over WebCrypto) and the
 * {@link MemoryIdentityStore} are here too; the browser's `IndexedDbIdentityStore` is in
 * `@gatewire/client/indexeddb`, the on-disk `FileIdentityStore` in `@gatewire/client/node`.
 */
export { deviceAuth } from './device-auth-plugin';
export type { DeviceAuthOptions, DeviceAuthPlugin, DeviceAuthSession } from './device-auth-session';
export { DeviceIdentity, type DeviceIdentityPem, type GenerateIdentityOptions } from './device/identity';
export type { IdentityStore, StoredDeviceToken } from './device/identity-store';
export { MemoryIdentityStore } from './device/memory-store';
