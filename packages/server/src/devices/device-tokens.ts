import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StoredDeviceToken } from './device-store';

/** A freshly issued device token: the secret goes to the client once, the hash to the store. */
export interface IssuedDeviceToken {
  readonly token: string;
  readonly stored: StoredDeviceToken;
}

/** SHA-256 of a token, lowercase hex. */
export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Issue a random 256-bit device token for the given scopes. */
export function issueDeviceToken(scopes: readonly string[], now = Date.now()): IssuedDeviceToken {
  const token = randomBytes(32).toString('base64url');
  return { token, stored: { tokenHash: hashDeviceToken(token), scopes: [...scopes], issuedAtMs: now } };
}

/** Whether `token` is the one whose hash is stored, compared in constant time. */
export function deviceTokenMatches(token: string, stored: StoredDeviceToken | undefined): boolean {
  if (stored === undefined || token.length === 0) return false;
  const presented = Buffer.from(hashDeviceToken(token), 'hex');
  const expected = Buffer.from(stored.tokenHash, 'hex');
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
