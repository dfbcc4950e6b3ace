import { base64UrlDecode, base64UrlEncode } from './base64url';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
export const ED25519_SPKI_PREFIX = /* @__PURE__ */ new Uint8Array([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

/** Length of a raw Ed25519 public key in bytes. */
export const ED25519_PUBLIC_KEY_BYTES = 32;

const PEM_PUBLIC_KEY = /^-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----$/;

/**
 * Normalize an Ed25519 public key given as raw bytes, SPKI DER bytes, a PEM `PUBLIC KEY`, or
 * base64/base64url text of either raw or SPKI bytes. Returns the raw 32 bytes, or `undefined` when
 * the input is none of these (never throws).
 */
export function normalizePublicKey(input: string | Uint8Array): Uint8Array | undefined {
  if (input instanceof Uint8Array) return fromBytes(input);
  if (typeof input !== 'string') return undefined;
  const text = input.trim();
  const pem = PEM_PUBLIC_KEY.exec(text);
  if (pem) {
    const der = base64UrlDecode((pem[1] ?? '').replace(/\s+/g, ''));
    return der === undefined ? undefined : fromBytes(der);
  }
  const bytes = base64UrlDecode(text);
  return bytes === undefined ? undefined : fromBytes(bytes);
}

/** The wire form of a public key: raw 32 bytes as base64url, or `undefined` if not a valid key. */
export function publicKeyToBase64Url(input: string | Uint8Array): string | undefined {
  const raw = normalizePublicKey(input);
  return raw === undefined ? undefined : base64UrlEncode(raw);
}

/** Wrap a raw 32-byte key in SPKI DER (for WebCrypto `importKey("spki", …)` and PEM). */
export function rawPublicKeyToSpki(raw: Uint8Array): Uint8Array {
  const out = new Uint8Array(ED25519_SPKI_PREFIX.length + raw.length);
  out.set(ED25519_SPKI_PREFIX, 0);
  out.set(raw, ED25519_SPKI_PREFIX.length);
  return out;
}

function fromBytes(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length === ED25519_PUBLIC_KEY_BYTES) return bytes.slice();
  if (bytes.length === ED25519_SPKI_PREFIX.length + ED25519_PUBLIC_KEY_BYTES && startsWith(bytes, ED25519_SPKI_PREFIX)) {
    return bytes.slice(ED25519_SPKI_PREFIX.length);
  }
  return undefined;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}
