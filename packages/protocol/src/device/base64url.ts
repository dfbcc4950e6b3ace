/**
 * Base64url (RFC 4648 §5, no padding) for bytes, using the platform's `btoa`/`atob` (Node >= 16 and
 * every browser), so this module has no Node-only import.
 */

/** Encode bytes as base64url without padding. */
export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + chunk));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const BASE64_ANY = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * Decode base64url or standard base64, with or without padding. Returns `undefined` for anything
 * that is not base64 (never throws).
 */
export function base64UrlDecode(text: string): Uint8Array | undefined {
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  if (!BASE64_ANY.test(trimmed)) return undefined;
  const unpadded = trimmed.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  const standard = unpadded.replace(/-/g, '+').replace(/_/g, '/');
  const padded = standard + '='.repeat((4 - (standard.length % 4)) % 4);
  try {
    const binary = atob(padded);
    const out = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index += 1) out[index] = binary.charCodeAt(index);
    return out;
  } catch {
    return undefined;
  }
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}
