import { describe, expect, it } from 'vitest';
import { formatTlsFingerprint, normalizeTlsFingerprint } from '../src/index';

const hex = 'ab'.repeat(16) + '0123456789abcdef'.repeat(2);
const pairs = hex.match(/../g)?.join(':') ?? '';

describe('normalizeTlsFingerprint', () => {
  it.each([
    ['plain lowercase hex', hex],
    ['uppercase hex', hex.toUpperCase()],
    ['colon pairs', pairs],
    ['uppercase colon pairs (Node fingerprint256 form)', pairs.toUpperCase()],
    ['sha256: prefix', `sha256:${pairs}`],
    ['SHA256: prefix, surrounding spaces', `  SHA256:${hex.toUpperCase()}  `],
  ])('accepts %s', (_label, input) => {
    expect(normalizeTlsFingerprint(input)).toBe(hex);
  });

  it.each([
    ['31 bytes', hex.slice(2)],
    ['33 bytes', `${hex}ab`],
    ['non-hex', `${hex.slice(2)}zz`],
    ['mixed separators', pairs.replace(':', '-')],
    ['a sha1 fingerprint', 'ab'.repeat(20)],
    ['empty', ''],
    ['another algorithm prefix', `sha1:${hex}`],
  ])('rejects %s', (_label, input) => {
    expect(normalizeTlsFingerprint(input)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    expect(normalizeTlsFingerprint(undefined)).toBeUndefined();
    expect(normalizeTlsFingerprint(42)).toBeUndefined();
  });

  it('formats for display as sha256:AB:CD:…', () => {
    expect(formatTlsFingerprint(hex)).toBe(`sha256:${pairs.toUpperCase()}`);
    expect(formatTlsFingerprint('nope')).toBeUndefined();
  });
});
