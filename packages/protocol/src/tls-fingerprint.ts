const HEX64 = /^[0-9a-f]{64}$/;
const COLON_PAIRS = /^[0-9a-f]{2}(?::[0-9a-f]{2}){31}$/;

/**
 * Normalize a SHA-256 certificate fingerprint to 64 lowercase hex characters.
 *
 * Accepts an optional `sha256:` prefix (any case), 64 hex characters, or 32 colon-separated hex
 * pairs, in any case. Returns `undefined` for anything that is not exactly 32 bytes.
 */
export function normalizeTlsFingerprint(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  let text = input.trim().toLowerCase();
  if (text.startsWith('sha256:')) text = text.slice('sha256:'.length).trim();
  if (HEX64.test(text)) return text;
  if (COLON_PAIRS.test(text)) return text.replace(/:/g, '');
  return undefined;
}

/** Display form of a fingerprint: `sha256:AB:CD:…` (uppercase colon pairs). */
export function formatTlsFingerprint(input: string): string | undefined {
  const hex = normalizeTlsFingerprint(input);
  if (hex === undefined) return undefined;
  return `sha256:${hex.toUpperCase().match(/../g)?.join(':') ?? ''}`;
}
