import * as crypto from 'node:crypto';

/**
 * Node's one-shot `crypto.hash` (Node 20.12 and later): no `Hash` object per call, which made the
 * digest of a short token about a third cheaper. Older Node versions use `createHash`.
 */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, outputEncoding: 'buffer') => Buffer }).hash;

function digest(value: string): Buffer {
  return oneShotHash === undefined ? crypto.createHash('sha256').update(value, 'utf8').digest() : oneShotHash('sha256', value, 'buffer');
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
  return crypto.timingSafeEqual(digest(presented), expectedDigest(expected));
}
