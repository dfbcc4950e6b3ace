import { base64UrlDecode, base64UrlEncode } from '@gatewire/protocol/lite';

/** PEM labels used for device keys. */
export type PemLabel = 'PRIVATE KEY' | 'PUBLIC KEY';

/** Wrap DER bytes in a PEM block (standard base64, 64-character lines). */
export function encodePem(label: PemLabel, der: Uint8Array): string {
  const base64url = base64UrlEncode(der);
  const standard = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4);
  const lines = standard.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Find the first PEM block with `label` in `text` and return its DER bytes, or `undefined`. */
export function decodePem(label: PemLabel, text: string): Uint8Array | undefined {
  const pattern = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`);
  const body = pattern.exec(text)?.[1];
  return body === undefined ? undefined : base64UrlDecode(body.replace(/\s+/g, ''));
}
