import { GatewayClientError, GatewayRequestError, SdkErrorCodes, type SdkErrorCode } from '@gatewire/client/node';
import { describe, expect, it } from 'vitest';
import { ExitCodes } from '../src/exit-codes';
import { toCliError } from '../src/failure/client-failure';
import { SDK_ERROR_EXIT_CODES } from '../src/failure/sdk-exit-codes';

/** The documented table (docs/guides/operating.md), code by code. A new SDK code must be added here. */
const DOCUMENTED: Record<SdkErrorCode, number> = {
  AUTH_FAILED: 5,
  DEVICE_TOKEN_REVOKED: 5,
  ORIGIN_NOT_ALLOWED: 5,
  PAIRING_REQUIRED: 5,
  NOT_CONNECTED: 4,
  REQUEST_TIMEOUT: 4,
  CONNECTION_CLOSED: 4,
  TLS_PIN_MISMATCH: 4,
  PROTOCOL_MISMATCH: 4,
  HANDSHAKE_TIMEOUT: 4,
  HANDSHAKE_FAILED: 4,
  TICK_TIMEOUT: 4,
  QUEUE_FULL: 4,
  QUEUE_TIMEOUT: 4,
  RECONNECT_EXHAUSTED: 4,
  TRANSPORT_ERROR: 4,
  INVALID_OPTIONS: 2,
  ABORTED: 1,
};

describe('SDK error codes map onto the documented exit codes', () => {
  it('every code the SDK exports has a mapping, and no mapping names a code the SDK lacks', () => {
    const sdkCodes = Object.values(SdkErrorCodes).sort();
    expect(Object.keys(SDK_ERROR_EXIT_CODES).sort()).toEqual(sdkCodes);
    expect(Object.keys(DOCUMENTED).sort()).toEqual(sdkCodes);
  });

  for (const code of Object.values(SdkErrorCodes)) {
    it(`${code} exits ${DOCUMENTED[code]} and keeps its code`, () => {
      const failure = toCliError(new GatewayClientError(code, `a ${code} failure`), 'cannot connect to ws://127.0.0.1:1');
      expect(failure.exitCode).toBe(DOCUMENTED[code]);
      expect(failure.code).toBe(code);
      expect(failure.message).toMatch(/^cannot connect to ws:\/\/127\.0\.0\.1:1: /);
    });
  }

  it('a revoked device token and a refused Origin are auth failures (5), not an unreachable gateway', () => {
    expect(toCliError(new GatewayClientError('DEVICE_TOKEN_REVOKED', 'device token revoked', { closeCode: 4001 }), 'x').exitCode).toBe(ExitCodes.AUTH);
    expect(toCliError(new GatewayClientError('ORIGIN_NOT_ALLOWED', 'origin not allowed'), 'x').exitCode).toBe(ExitCodes.AUTH);
  });
});

describe('HANDSHAKE_TIMEOUT is worded for what happened', () => {
  it('an unanswered upgrade (no close code) does not claim the gateway accepted the connection', () => {
    const failure = toCliError(new GatewayClientError('HANDSHAKE_TIMEOUT', 'no answer to the WebSocket upgrade within 500 ms'), 'cannot connect to ws://h');
    expect(failure.message).toContain('the WebSocket upgrade got no answer in time (HANDSHAKE_TIMEOUT)');
    expect(failure.message).not.toContain('accepted');
    expect(failure.exitCode).toBe(ExitCodes.UNREACHABLE);
  });

  it('an open socket without hello-ok (closed with 4000) says the gateway did not answer connect', () => {
    const error = new GatewayClientError('HANDSHAKE_TIMEOUT', 'no hello-ok within 500 ms', { closeCode: 4000, closeReason: 'connect timeout' });
    const failure = toCliError(error, 'cannot connect to ws://h');
    expect(failure.message).toContain('accepted the WebSocket connection but did not answer connect in time');
    expect(failure.exitCode).toBe(ExitCodes.UNREACHABLE);
  });
});

describe('refusal codes from the gateway are looked up by own keys only', () => {
  for (const code of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    it(`a refusal with details.code ${code} is a plain request failure, not an auth title`, () => {
      const refusal = new GatewayRequestError({ code: 'INVALID_REQUEST', message: 'refused', details: { code } });
      const failure = toCliError(refusal, 'request failed');
      expect(failure.exitCode).toBe(ExitCodes.REQUEST_FAILED);
      expect(failure.message).toBe(`request failed: INVALID_REQUEST: refused [${code}]`);
    });
  }
});
