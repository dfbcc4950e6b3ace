import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The configured secret last compared and its digest: it changes only on `reconfigure()`. */
let lastExpected: string | undefined;
let lastExpectedDigest: Buffer | undefined;

function expectedDigest(expected: string): Buffer {
  if (lastExpectedDigest === undefined || lastExpected !== expected) {
    lastExpectedDigest = digest(expected);
    lastExpected = expected;
  }
  return lastExpectedDigest;
}

/**
 * Compare a presented secret with the configured one in constant time: both are hashed first, so
 * neither the content nor the length leaks through timing. The configured side's digest is
 * remembered (keyed by the configured value itself, so a reconfigured secret is hashed anew); the
 * presented side is hashed on every call and the digests are compared with `timingSafeEqual`.
 */
export function secretsEqual(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), expectedDigest(expected));
}
