import { describe, expect, it } from 'vitest';
import {
  CLIENT_IDS,
  CLIENT_MODES,
  CloseCodes,
  ConnectErrorDetailCodes,
  ErrorCodes,
  expandScopes,
  hasScope,
  isClientId,
  isFatalCloseCode,
  isFatalConnectDetailCode,
  isOperatorScope,
  isRole,
  OPERATOR_SCOPES,
  truncateCloseReason,
} from '../src/index';

describe('error codes', () => {
  it('are the five reference codes, each equal to its name', () => {
    expect(Object.keys(ErrorCodes)).toEqual(['INVALID_REQUEST', 'FORBIDDEN', 'NOT_PAIRED', 'UNAVAILABLE', 'APPROVAL_NOT_FOUND']);
    for (const [name, value] of Object.entries(ErrorCodes)) expect(value).toBe(name);
    for (const [name, value] of Object.entries(ConnectErrorDetailCodes)) expect(value).toBe(name);
  });

  it('classify connect detail codes: credentials and pairing are fatal, unknown codes are not', () => {
    expect(isFatalConnectDetailCode('AUTH_TOKEN_MISMATCH')).toBe(true);
    expect(isFatalConnectDetailCode('PAIRING_REQUIRED')).toBe(true);
    expect(isFatalConnectDetailCode('PROTOCOL_MISMATCH')).toBe(true);
    expect(isFatalConnectDetailCode('DEVICE_AUTH_SIGNATURE_EXPIRED')).toBe(false);
    expect(isFatalConnectDetailCode('DEVICE_AUTH_NONCE_MISMATCH')).toBe(false);
    expect(isFatalConnectDetailCode('SOMETHING_NEW')).toBe(false);
    expect(isFatalConnectDetailCode(undefined)).toBe(false);
  });
});

describe('close codes', () => {
  it('have the reference values', () => {
    expect(Object.values(CloseCodes).sort()).toEqual([1000, 1002, 1008, 1009, 1011, 1012, 1013, 4000, 4001]);
  });

  it('mark protocol mismatch and auth invalidation fatal, the rest retryable', () => {
    expect(isFatalCloseCode(CloseCodes.PROTOCOL_ERROR)).toBe(true);
    expect(isFatalCloseCode(CloseCodes.AUTH_INVALIDATED)).toBe(true);
    for (const code of [1000, 1008, 1009, 1011, 1012, 1013, 4000, 1006, 4999]) expect(isFatalCloseCode(code)).toBe(false);
  });

  it('truncate reasons to 120 UTF-8 bytes without splitting a character', () => {
    expect(truncateCloseReason('short')).toBe('short');
    const ascii = truncateCloseReason('x'.repeat(300));
    expect(new TextEncoder().encode(ascii).length).toBe(120);
    const emoji = truncateCloseReason('😀'.repeat(40));
    expect(new TextEncoder().encode(emoji).length).toBe(120);
    const mixed = truncateCloseReason(`a${'é'.repeat(100)}`);
    expect(new TextEncoder().encode(mixed).length).toBeLessThanOrEqual(120);
    expect(mixed.endsWith('\uFFFD')).toBe(false);
  });
});

describe('roles and scopes', () => {
  it('accept only operator and node as roles', () => {
    expect(isRole('operator')).toBe(true);
    expect(isRole('node')).toBe(true);
    expect(isRole('admin')).toBe(false);
  });

  it('have ten operator scopes', () => {
    expect(OPERATOR_SCOPES).toHaveLength(10);
    expect(isOperatorScope('operator.talk.secrets')).toBe(true);
    expect(isOperatorScope('operator.root')).toBe(false);
  });

  it('apply the implication rules', () => {
    expect(hasScope(['operator.write'], 'operator.read')).toBe(true);
    expect(hasScope(['operator.write'], 'operator.talk')).toBe(true);
    expect(hasScope(['operator.write'], 'operator.sessions.write')).toBe(true);
    expect(hasScope(['operator.write'], 'operator.pairing')).toBe(false);
    expect(hasScope(['operator.read'], 'operator.sessions.read')).toBe(true);
    expect(hasScope(['operator.read'], 'operator.write')).toBe(false);
    expect(hasScope(['operator.sessions.write'], 'operator.sessions.read')).toBe(true);
    expect(hasScope([], 'operator.read')).toBe(false);
  });

  it('let admin satisfy every scope', () => {
    for (const scope of OPERATOR_SCOPES) expect(hasScope(['operator.admin'], scope)).toBe(true);
    expect(expandScopes(['operator.admin']).size).toBe(10);
  });

  it('keep unknown scopes as opaque strings', () => {
    expect(hasScope(['app.custom'], 'app.custom')).toBe(true);
    expect(hasScope(['operator.admin'], 'app.custom')).toBe(false);
  });

  it('treat names of Object.prototype members as opaque strings, never as implication lists', () => {
    // Found by the server's fuzz suite: a client asking for scope `constructor` made expandScopes
    // spread a function and reject the connect path.
    const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
    expect([...expandScopes(names)].sort()).toEqual([...names].sort());
    expect(hasScope(['constructor'], 'operator.read')).toBe(false);
  });
});

describe('client info enums', () => {
  it('match the reference lists', () => {
    expect(CLIENT_IDS).toHaveLength(17);
    expect(CLIENT_MODES).toEqual(['webchat', 'cli', 'ui', 'backend', 'node', 'worker', 'probe', 'test']);
    expect(isClientId('gateway-client')).toBe(true);
    expect(isClientId('my-app')).toBe(false);
  });
});
