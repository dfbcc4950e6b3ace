import { describe, expect, it, vi } from 'vitest';
import { GatewayClientError, GatewayRequestError, GatewireError, SdkErrorCodes } from '../src/index';

describe('errors', () => {
  it('recognises errors from another copy of the package (brand, not instanceof)', async () => {
    vi.resetModules();
    const copy = await import('../src/errors/gateway-client-error');
    const foreign = new copy.GatewayClientError('REQUEST_TIMEOUT', 'late');
    expect(copy.GatewayClientError).not.toBe(GatewayClientError);
    expect(foreign instanceof GatewayClientError).toBe(false);
    expect(GatewayClientError.isInstance(foreign)).toBe(true);
    expect(GatewayClientError.isInstance(foreign, 'REQUEST_TIMEOUT')).toBe(true);
    expect(GatewayClientError.isInstance(foreign, 'ABORTED')).toBe(false);
    expect(GatewireError.isInstance(foreign)).toBe(true);
    expect(GatewayRequestError.isInstance(foreign)).toBe(false);
  });

  it('keeps the two families apart and carries cause and close details', () => {
    const wire = new GatewayRequestError({ code: 'FORBIDDEN', message: 'missing scope: operator.admin', details: { code: 'MISSING_SCOPE' } }, { method: 'status' });
    const sdk = new GatewayClientError('CONNECTION_CLOSED', 'closed', { cause: wire, closeCode: 1012, closeReason: 'service restart' });
    expect(wire).toMatchObject({ family: 'wire', code: 'FORBIDDEN', detailCode: 'MISSING_SCOPE', retryable: false, retryAfterMs: undefined, method: 'status' });
    expect(wire.toErrorShape()).toEqual({ code: 'FORBIDDEN', message: 'missing scope: operator.admin', details: { code: 'MISSING_SCOPE' } });
    expect(sdk).toMatchObject({ family: 'sdk', code: 'CONNECTION_CLOSED', closeCode: 1012, closeReason: 'service restart', cause: wire });
    expect(GatewayRequestError.isInstance(sdk)).toBe(false);
    expect(GatewayClientError.isInstance(wire)).toBe(false);
    expect(GatewireError.isInstance(new Error('plain'))).toBe(false);
    expect(GatewireError.isInstance(null)).toBe(false);
  });

  it('has every documented field as an own property, in the same order, even when unset', () => {
    const sdk = new GatewayClientError('ABORTED', 'aborted');
    expect(Object.keys(sdk)).toEqual(['name', 'family', 'code', 'closeCode', 'closeReason', 'pairingRequestId', 'transportCode', 'httpStatus', 'retryAfterMs']);
    const wire = new GatewayRequestError({ code: 'UNAVAILABLE', message: 'down' });
    expect(Object.keys(wire)).toEqual(['name', 'family', 'code', 'details', 'detailCode', 'retryable', 'retryAfterMs', 'method', 'payload']);
  });

  it('documents every SDK code as a stable string equal to its key', () => {
    for (const [key, value] of Object.entries(SdkErrorCodes)) expect(value).toBe(key);
    expect(Object.keys(SdkErrorCodes)).toEqual(
      expect.arrayContaining(['NOT_CONNECTED', 'REQUEST_TIMEOUT', 'ABORTED', 'CONNECTION_CLOSED', 'TLS_PIN_MISMATCH', 'PROTOCOL_MISMATCH', 'AUTH_FAILED', 'HANDSHAKE_TIMEOUT', 'QUEUE_FULL', 'INVALID_OPTIONS']),
    );
  });
});
