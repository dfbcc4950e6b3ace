/**
 * The platform's WebCrypto (`globalThis.crypto.subtle`): Node >= 20 and evergreen browsers both have
 * SHA-256 and Ed25519 there, so hashing and signing are never hand-rolled and never Node-only.
 */
export function subtleCrypto(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    throw new Error('WebCrypto (globalThis.crypto.subtle) is not available: a secure context (https or localhost) is required in browsers');
  }
  return subtle;
}

/** Copy into a fresh ArrayBuffer-backed view (WebCrypto refuses SharedArrayBuffer views). */
export function toBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(bytes.length));
  out.set(bytes);
  return out;
}
