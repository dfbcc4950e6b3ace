import { KeyObject, sign, type webcrypto } from 'node:crypto';
import type { CryptoKeyLike } from '@gatewire/protocol/lite';
import type { DeviceSigner } from '../device/device-signer';

/**
 * The `node:crypto` handle of each private key that may sign with Ed25519, made once per key;
 * `false` for a key it cannot be made for (not a Node `CryptoKey`), which signs with WebCrypto.
 */
const handles = new WeakMap<object, KeyObject | false>();

/**
 * The Node build's {@link DeviceSigner}: a synchronous `node:crypto` Ed25519 signature with the
 * identity's private key, imported once per key (`KeyObject.from`), instead of a WebCrypto job on
 * the thread pool and its promise chain per handshake. Ed25519 is deterministic, so the signature
 * is the one {@link DeviceIdentity.sign} makes. A key WebCrypto would not sign with (another
 * algorithm, no `sign` usage, not a private key) or that is not a Node `CryptoKey` is left to
 * `identity.sign`, which signs or rejects as WebCrypto does. The handle never leaves this module,
 * so a non-extractable key stays unexportable.
 */
export const nodeDeviceSigner: DeviceSigner = (identity, payload) => {
  const privateKey = identity.keyPair.privateKey;
  let handle = handles.get(privateKey);
  if (handle === undefined) handles.set(privateKey, (handle = signingHandle(privateKey)));
  if (handle === false) return identity.sign(payload);
  return sign(null, Buffer.from(payload, 'utf8'), handle).toString('base64url');
};

function signingHandle(privateKey: CryptoKeyLike): KeyObject | false {
  if (privateKey.type !== 'private' || privateKey.algorithm.name !== 'Ed25519' || !privateKey.usages.includes('sign')) return false;
  try {
    return KeyObject.from(privateKey as webcrypto.CryptoKey);
  } catch {
    return false;
  }
}
