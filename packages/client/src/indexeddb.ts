/**
 * `@gatewire/client/indexeddb`: the browser's identity store (non-extractable WebCrypto keys in
 * IndexedDB), for `deviceAuth({ identityStore: new IndexedDbIdentityStore() })` from
 * `@gatewire/client/device`. Its own entry because its types need the DOM library.
 */
export { IndexedDbIdentityStore, type IndexedDbIdentityStoreOptions } from './browser/indexeddb-store';
