/**
 * WebSocket close codes used by gateways and clients, each with what a client should do after it.
 *
 * - `fatal`: do not reconnect automatically; a person must change something.
 * - `retryable`: reconnect with backoff.
 */
export const CloseCodes = {
  /** Normal closure. Also the server's close on handshake timeout and on an unparsable pre-auth frame. */
  NORMAL: 1000,
  /** Protocol error: the protocol window did not match (`PROTOCOL_MISMATCH`). */
  PROTOCOL_ERROR: 1002,
  /** Policy violation: auth, device, pairing, origin, invalid frames, slow consumer, repeated unauthorized calls. */
  POLICY_VIOLATION: 1008,
  /** A frame exceeded the size limit (64 KiB before auth, `maxPayload` after). */
  MESSAGE_TOO_BIG: 1009,
  /** The server hit an unexpected condition. */
  INTERNAL_ERROR: 1011,
  /** The service is restarting (after a `shutdown` event); reconnect after `restartExpectedMs`. */
  SERVICE_RESTART: 1012,
  /** Try again later: the gateway is starting, restarting or suspended. */
  TRY_AGAIN_LATER: 1013,
  /** Client-side: no tick within the watchdog window, or no `hello-ok` within the connect timeout. */
  CLIENT_TIMEOUT: 4000,
  /** Credentials changed or were revoked (token rotated, device removed); reconnect with new credentials. */
  AUTH_INVALIDATED: 4001,
} as const;

/** One of the {@link CloseCodes}. */
export type CloseCode = (typeof CloseCodes)[keyof typeof CloseCodes];

/** How a client should treat a close code. */
export type CloseCodeClass = 'fatal' | 'retryable';

/**
 * Classification of each close code. A 1008 is retryable by code alone; the client refines it with
 * the `details.code` of the refusal that preceded it (see `isFatalConnectDetailCode`).
 */
export const CLOSE_CODE_CLASS: Readonly<Record<CloseCode, CloseCodeClass>> = {
  1000: 'retryable',
  1002: 'fatal',
  1008: 'retryable',
  1009: 'retryable',
  1011: 'retryable',
  1012: 'retryable',
  1013: 'retryable',
  4000: 'retryable',
  4001: 'fatal',
};

/** Whether a close code, by itself, means "stop reconnecting". Unknown codes are retryable. */
export function isFatalCloseCode(code: number): boolean {
  return (CLOSE_CODE_CLASS as Readonly<Record<number, CloseCodeClass>>)[code] === 'fatal';
}

/** Largest close reason in UTF-8 bytes that gateways send (the WebSocket limit is 123). */
export const MAX_CLOSE_REASON_BYTES = 120;

const encoder = /* @__PURE__ */ new TextEncoder();

/** Truncate a close reason to {@link MAX_CLOSE_REASON_BYTES} UTF-8 bytes without splitting a character. */
export function truncateCloseReason(reason: string): string {
  if (encoder.encode(reason).length <= MAX_CLOSE_REASON_BYTES) return reason;
  let out = '';
  let bytes = 0;
  for (const char of reason) {
    const size = encoder.encode(char).length;
    if (bytes + size > MAX_CLOSE_REASON_BYTES) break;
    out += char;
    bytes += size;
  }
  return out;
}
