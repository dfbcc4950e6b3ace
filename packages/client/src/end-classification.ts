import { isFatalCloseCode, isFatalConnectDetailCode } from '@gatewire/protocol/lite';
import { PROTOCOL_ERROR_CLOSE_CODE } from './close-code-literals';
import type { ConnectionEnd } from './connection';
import { GatewayClientError } from './errors/gateway-client-error';
import type { SdkErrorCode } from './errors/sdk-error-codes';
import { fieldOf } from './field-of';

/** What the client does after a connection ended. */
export interface EndVerdict {
  /** Set when reconnecting cannot help; the client stops with this error. */
  readonly fatal: GatewayClientError | undefined;
  /** A floor for the next backoff delay from the gateway (`retryAfterMs`, or `Retry-After` of a refused upgrade), ms. */
  readonly minDelayMs: number;
  /** The error that best explains the end (for `disconnected` and rejected requests). */
  readonly error: Error | undefined;
}

/**
 * Decide whether an ended connection is fatal:
 * - a TLS pin mismatch (never reconnect silently to the wrong server);
 * - a refused `connect` with a fatal `details.code` (`AUTH_*`, `PAIRING_REQUIRED`,
 *   `PROTOCOL_MISMATCH`, `CONTROL_UI_ORIGIN_NOT_ALLOWED` → `ORIGIN_NOT_ALLOWED`, …), unless the gateway says `pauseReconnect: false` or
 *   `recommendedNextStep: "wait_then_retry"`;
 * - a fatal close code: 1002 (protocol) or 4001 (credentials invalidated).
 * Everything else is retried with backoff, honouring the refusal's `retryAfterMs` or the
 * `Retry-After` of an HTTP answer to the upgrade.
 */
export function classifyEnd(end: ConnectionEnd): EndVerdict {
  const { refusal, code, reason } = end;
  const closeInfo = { closeCode: code, closeReason: reason };
  const minDelayMs = refusal?.retryAfterMs ?? (GatewayClientError.isInstance(end.error) ? end.error.retryAfterMs : undefined) ?? 0;
  if (GatewayClientError.isInstance(end.error, 'TLS_PIN_MISMATCH')) return { fatal: end.error, minDelayMs, error: end.error };
  if (refusal !== undefined && isFatalConnectDetailCode(refusal.detailCode) && !gatewayAllowsRetry(refusal.details)) {
    const detailCode = refusal.detailCode as string;
    const sdkCode = SDK_CODE_OF_DETAIL[detailCode] ?? 'AUTH_FAILED';
    const requestId = sdkCode === 'PAIRING_REQUIRED' ? pairingRequestIdOf(refusal.details) : undefined;
    const params = end.connectRequest?.params;
    // The reference answers a connect with no credential at all with "device identity required";
    // the cause a person can act on is the missing token.
    const reason = detailCode === 'DEVICE_IDENTITY_REQUIRED' && params !== undefined && params.auth === undefined && params.device === undefined
      ? 'no credentials were sent: pass auth.token (the gateway token), auth.password, or a device identity'
      : refusal.message;
    const fatal = new GatewayClientError(sdkCode, `connect refused: ${reason} (${detailCode})`, {
      cause: refusal,
      ...closeInfo,
      ...(requestId === undefined ? {} : { pairingRequestId: requestId }),
    });
    return { fatal, minDelayMs, error: fatal };
  }
  if (isFatalCloseCode(code)) {
    const sdkCode = code === PROTOCOL_ERROR_CLOSE_CODE ? 'PROTOCOL_MISMATCH' : 'AUTH_FAILED';
    const fatal = new GatewayClientError(sdkCode, `closed ${code}: ${reason || 'no reason'}`, { cause: refusal ?? end.error, ...closeInfo });
    return { fatal, minDelayMs, error: fatal };
  }
  return { fatal: undefined, minDelayMs, error: end.error ?? refusal };
}

/** SDK codes of the fatal connect detail codes that are not `AUTH_FAILED`. */
const SDK_CODE_OF_DETAIL: Readonly<Record<string, SdkErrorCode>> = {
  PROTOCOL_MISMATCH: 'PROTOCOL_MISMATCH',
  PAIRING_REQUIRED: 'PAIRING_REQUIRED',
  CONTROL_UI_ORIGIN_NOT_ALLOWED: 'ORIGIN_NOT_ALLOWED',
};

function gatewayAllowsRetry(details: unknown): boolean {
  return fieldOf(details, 'pauseReconnect') === false || fieldOf(details, 'recommendedNextStep') === 'wait_then_retry';
}

function pairingRequestIdOf(details: unknown): string | undefined {
  const requestId = fieldOf(details, 'requestId');
  return typeof requestId === 'string' && requestId.length > 0 ? requestId : undefined;
}
