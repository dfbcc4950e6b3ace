/**
 * Codes of the errors the SDK raises itself (`GatewayClientError.code`). They are never sent on the
 * wire; wire errors keep the gateway's code (`GatewayRequestError.code`, e.g. `INVALID_REQUEST`).
 */
export const SdkErrorCodes = {
  /** `request()` was called on a client that was never connected (`idle`) and no connection is coming. */
  NOT_CONNECTED: 'NOT_CONNECTED',
  /** No response within the request's `timeoutMs` (or `requestTimeoutMs`). */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** The request's `AbortSignal` fired; a late reply is ignored. */
  ABORTED: 'ABORTED',
  /** The connection dropped or the client was closed while the request was pending or queued. */
  CONNECTION_CLOSED: 'CONNECTION_CLOSED',
  /** The server's TLS leaf certificate does not match `tlsFingerprint`. Fatal: never retried. */
  TLS_PIN_MISMATCH: 'TLS_PIN_MISMATCH',
  /** The gateway refused our protocol window (`details.code: "PROTOCOL_MISMATCH"`, close 1002). Fatal. */
  PROTOCOL_MISMATCH: 'PROTOCOL_MISMATCH',
  /** The gateway refused our credentials, device or pairing (a fatal connect detail code, or close 4001). Fatal. */
  AUTH_FAILED: 'AUTH_FAILED',
  /**
   * The gateway revoked or replaced the device token this client used from its identity store
   * (close 4001 "device token revoked" / "device token rotated" / "device removed", or
   * `AUTH_DEVICE_TOKEN_MISMATCH`). The client dropped the token from the store and stopped. Fatal:
   * connect again with the shared token (the gateway issues a new device token) or pair again.
   */
  DEVICE_TOKEN_REVOKED: 'DEVICE_TOKEN_REVOKED',
  /**
   * The gateway does not accept this page's `Origin` (`CONTROL_UI_ORIGIN_NOT_ALLOWED`): add it to
   * the gateway's allowed origins. Fatal.
   */
  ORIGIN_NOT_ALLOWED: 'ORIGIN_NOT_ALLOWED',
  /**
   * The device must be approved by an operator first (`NOT_PAIRED` / `PAIRING_REQUIRED`).
   * `error.pairingRequestId` names the request to approve (`device.pair.approve`, or
   * `gatewire devices approve <id>`). Fatal until approved: call `connect()` again afterwards.
   */
  PAIRING_REQUIRED: 'PAIRING_REQUIRED',
  /**
   * No `hello-ok` within `connectTimeoutMs` of the start of the attempt: the HTTP upgrade was never
   * answered (a stalled proxy, an unclaimed path), or the gateway sent no challenge or no `hello-ok`
   * (then the socket is closed with 4000 "connect timeout"). Retried per the reconnect policy.
   */
  HANDSHAKE_TIMEOUT: 'HANDSHAKE_TIMEOUT',
  /** The server broke the handshake: a bad `connect.challenge` or `hello-ok`, or an unexpected first frame. */
  HANDSHAKE_FAILED: 'HANDSHAKE_FAILED',
  /** No frame for 2 × `tickIntervalMs`; closed with 4000 "tick timeout" (then the client reconnects). */
  TICK_TIMEOUT: 'TICK_TIMEOUT',
  /** The reconnect queue already holds `queue.maxSize` requests. */
  QUEUE_FULL: 'QUEUE_FULL',
  /** A queued request waited longer than `queue.timeoutMs` for a connection. */
  QUEUE_TIMEOUT: 'QUEUE_TIMEOUT',
  /** `reconnect.maxAttempts` consecutive attempts failed; the client stopped. */
  RECONNECT_EXHAUSTED: 'RECONNECT_EXHAUSTED',
  /**
   * The transport failed before or outside the WebSocket protocol. In Node the underlying error is
   * kept as `cause` and its code as `transportCode`: `ECONNREFUSED` (nothing listens), `ENOTFOUND`
   * (DNS), `ECONNRESET` (hung up during the upgrade, e.g. `ws://` to a TLS port: the message says
   * to use `wss://`), `DEPTH_ZERO_SELF_SIGNED_CERT` and the other certificate codes (the message
   * names the fingerprint to pin), or `UNEXPECTED_RESPONSE` with `httpStatus` when an HTTP answer
   * (a proxy's page, a gateway's 400/403/429/503 refusal, whose message is shown) replaced the
   * upgrade. Browsers report no detail. Retried per the reconnect policy.
   */
  TRANSPORT_ERROR: 'TRANSPORT_ERROR',
  /** Invalid options or an invalid call (also thrown as a `TypeError` at construction). */
  INVALID_OPTIONS: 'INVALID_OPTIONS',
} as const;

/** One of the {@link SdkErrorCodes}. */
export type SdkErrorCode = (typeof SdkErrorCodes)[keyof typeof SdkErrorCodes];

/** Codes after which the client stops reconnecting until a person changes something. */
export const FATAL_SDK_ERROR_CODES: ReadonlySet<SdkErrorCode> = new Set<SdkErrorCode>([
  'TLS_PIN_MISMATCH',
  'PROTOCOL_MISMATCH',
  'AUTH_FAILED',
  'ORIGIN_NOT_ALLOWED',
  'DEVICE_TOKEN_REVOKED',
  'PAIRING_REQUIRED',
  'RECONNECT_EXHAUSTED',
]);
