import { describe, expect, it } from 'vitest';
import { secretsEqual } from '../src/auth/shared-secret';

describe('secretsEqual', () => {
  it('compares against the configured secret, also when the configured secret changes between calls', () => {
    expect(secretsEqual('token-a', 'token-a')).toBe(true);
    expect(secretsEqual('token-b', 'token-a')).toBe(false);
    expect(secretsEqual('token-b', 'token-b')).toBe(true);
    expect(secretsEqual('token-a', 'token-b')).toBe(false);
    expect(secretsEqual('', 'token-b')).toBe(false);
    expect(secretsEqual('token-a', 'token-a')).toBe(true);
  });
});
