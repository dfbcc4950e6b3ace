/**
 * The platform's WebCrypto (`globalThis.crypto.subtle`): Node >= 20 and evergreen browsers both have
 * SHA-256 and Ed25519 there, so hashing and signing are never hand-rolled and never Node-only.
 *
 * The few WebCrypto types used here are declared structurally, so neither this package nor its
 * users need the DOM or Node type libraries: a real `CryptoKey` is a {@link CryptoKeyLike}.
 */

/** A WebCrypto key (structurally: any `CryptoKey` from the DOM or Node typings fits). */
export interface CryptoKeyLike {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: { readonly name: string };
  readonly usages: readonly string[];
}

/** A WebCrypto key pair. */
export interface CryptoKeyPairLike {
  readonly publicKey: CryptoKeyLike;
  readonly privateKey: CryptoKeyLike;
}

type Bytes = Uint8Array<ArrayBuffer>;

/** The subset of `SubtleCrypto` this package uses. */
export interface SubtleCryptoLike {
  digest(algorithm: string, data: Bytes): Promise<ArrayBuffer>;
  sign(algorithm: { name: string }, key: CryptoKeyLike, data: Bytes): Promise<ArrayBuffer>;
  verify(algorithm: { name: string }, key: CryptoKeyLike, signature: Bytes, data: Bytes): Promise<boolean>;
  importKey(format: 'raw' | 'spki' | 'pkcs8', keyData: Bytes, algorithm: { name: string }, extractable: boolean, usages: string[]): Promise<CryptoKeyLike>;
  exportKey(format: 'raw' | 'spki' | 'pkcs8', key: CryptoKeyLike): Promise<ArrayBuffer>;
  exportKey(format: 'jwk', key: CryptoKeyLike): Promise<{ readonly kty?: string; readonly crv?: string; readonly x?: string }>;
  generateKey(algorithm: { name: string }, extractable: boolean, usages: string[]): Promise<CryptoKeyPairLike | CryptoKeyLike>;
}

/** The platform's `crypto.subtle`; throws a clear error where there is none (insecure browser context). */
export function subtleCrypto(): SubtleCryptoLike {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCryptoLike } }).crypto?.subtle;
  if (subtle === undefined) {
    throw new Error('WebCrypto (globalThis.crypto.subtle) is not available: a secure context (https or localhost) is required in browsers');
  }
  return subtle;
}

/** Generate an Ed25519 key pair; `extractable` applies to the private key (the public key always is). */
export async function generateEd25519KeyPair(extractable: boolean): Promise<CryptoKeyPairLike> {
  return (await subtleCrypto().generateKey({ name: 'Ed25519' }, extractable, ['sign', 'verify'])) as CryptoKeyPairLike;
}

/** Copy into a fresh ArrayBuffer-backed view (WebCrypto refuses SharedArrayBuffer views). */
export function toBufferSource(bytes: Uint8Array): Bytes {
  const out = new Uint8Array(new ArrayBuffer(bytes.length));
  out.set(bytes);
  return out;
}
