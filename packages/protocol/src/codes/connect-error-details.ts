/**
 * `error.details.code` values of a refused `connect`. The top-level `error.code` is `INVALID_REQUEST`
 * except where noted; the socket is closed right after (1008, or 1002 for a protocol mismatch).
 */
export const ConnectErrorDetailCodes = {
  /** Authentication is required and none was given. */
  AUTH_REQUIRED: 'AUTH_REQUIRED',
  /** A pluggable `authenticate` hook refused the connection. */
  AUTH_UNAUTHORIZED: 'AUTH_UNAUTHORIZED',
  /** Token auth is configured but the client sent no token (and no usable device). */
  AUTH_TOKEN_MISSING: 'AUTH_TOKEN_MISSING',
  /** The shared token does not match. */
  AUTH_TOKEN_MISMATCH: 'AUTH_TOKEN_MISMATCH',
  /** The client sent a token but the gateway has none configured. */
  AUTH_TOKEN_NOT_CONFIGURED: 'AUTH_TOKEN_NOT_CONFIGURED',
  /** Password auth is configured but the client sent no password. */
  AUTH_PASSWORD_MISSING: 'AUTH_PASSWORD_MISSING',
  /** The password does not match. */
  AUTH_PASSWORD_MISMATCH: 'AUTH_PASSWORD_MISMATCH',
  /** The client sent a password but the gateway has none configured. */
  AUTH_PASSWORD_NOT_CONFIGURED: 'AUTH_PASSWORD_NOT_CONFIGURED',
  /** A bootstrap (setup) token is unknown or expired. */
  AUTH_BOOTSTRAP_TOKEN_INVALID: 'AUTH_BOOTSTRAP_TOKEN_INVALID',
  /** A device token does not match the one issued to this device and role. */
  AUTH_DEVICE_TOKEN_MISMATCH: 'AUTH_DEVICE_TOKEN_MISMATCH',
  /** A device token was used to ask for scopes broader than it was issued with. */
  AUTH_SCOPE_MISMATCH: 'AUTH_SCOPE_MISMATCH',
  /** Too many failures from this address; `retryAfterMs` says when to try again. */
  AUTH_RATE_LIMITED: 'AUTH_RATE_LIMITED',
  /** Tailscale identity headers are missing. */
  AUTH_TAILSCALE_IDENTITY_MISSING: 'AUTH_TAILSCALE_IDENTITY_MISSING',
  /** Tailscale identity came without the Tailscale proxy. */
  AUTH_TAILSCALE_PROXY_MISSING: 'AUTH_TAILSCALE_PROXY_MISSING',
  /** The Tailscale whois lookup failed. */
  AUTH_TAILSCALE_WHOIS_FAILED: 'AUTH_TAILSCALE_WHOIS_FAILED',
  /** The Tailscale identity does not match the claimed one. */
  AUTH_TAILSCALE_IDENTITY_MISMATCH: 'AUTH_TAILSCALE_IDENTITY_MISMATCH',
  /** Trusted-proxy auth: the configured user header is missing or not allowed. */
  AUTH_IDENTITY_HEADER_REQUIRED: 'AUTH_IDENTITY_HEADER_REQUIRED',
  /** The proxy did not vouch for a verified user. */
  AUTH_VERIFIED_USER_REQUIRED: 'AUTH_VERIFIED_USER_REQUIRED',
  /** The authenticated profile is not available on this gateway. */
  AUTHENTICATED_PROFILE_UNAVAILABLE: 'AUTHENTICATED_PROFILE_UNAVAILABLE',
  /** A browser control UI build does not match the gateway. */
  CONTROL_UI_BUILD_MISMATCH: 'CONTROL_UI_BUILD_MISMATCH',
  /** The upgrade's `Origin` is not in `allowedOrigins`. */
  CONTROL_UI_ORIGIN_NOT_ALLOWED: 'CONTROL_UI_ORIGIN_NOT_ALLOWED',
  /** The client's protocol window does not include this gateway's version (close 1002). */
  PROTOCOL_MISMATCH: 'PROTOCOL_MISMATCH',
  /** Control-UI and TUI client ids must present a device identity. */
  CONTROL_UI_DEVICE_IDENTITY_REQUIRED: 'CONTROL_UI_DEVICE_IDENTITY_REQUIRED',
  /** No credentials and no device (`error.code` is `NOT_PAIRED`). */
  DEVICE_IDENTITY_REQUIRED: 'DEVICE_IDENTITY_REQUIRED',
  /** The device block is malformed. */
  DEVICE_AUTH_INVALID: 'DEVICE_AUTH_INVALID',
  /** `device.id` is not the SHA-256 of the public key. */
  DEVICE_AUTH_DEVICE_ID_MISMATCH: 'DEVICE_AUTH_DEVICE_ID_MISMATCH',
  /** `device.signedAt` is more than 120 s away from the gateway's clock. */
  DEVICE_AUTH_SIGNATURE_EXPIRED: 'DEVICE_AUTH_SIGNATURE_EXPIRED',
  /** `device.nonce` is empty. */
  DEVICE_AUTH_NONCE_REQUIRED: 'DEVICE_AUTH_NONCE_REQUIRED',
  /** `device.nonce` is not this connection's challenge nonce. */
  DEVICE_AUTH_NONCE_MISMATCH: 'DEVICE_AUTH_NONCE_MISMATCH',
  /** The Ed25519 signature matches neither the v3 nor the v2 payload. */
  DEVICE_AUTH_SIGNATURE_INVALID: 'DEVICE_AUTH_SIGNATURE_INVALID',
  /** The public key is not a valid Ed25519 key in any accepted encoding. */
  DEVICE_AUTH_PUBLIC_KEY_INVALID: 'DEVICE_AUTH_PUBLIC_KEY_INVALID',
  /** The device must be approved by an operator first (`error.code` is `NOT_PAIRED`; `details.requestId`). */
  PAIRING_REQUIRED: 'PAIRING_REQUIRED',
  /** The client's version is not supported by this gateway. */
  CLIENT_VERSION_MISMATCH: 'CLIENT_VERSION_MISMATCH',
  /**
   * Gatewire: the gateway already holds its maximum of pending pairing requests (`error.code` is
   * `UNAVAILABLE`, `retryable`, `retryAfterMs` until the oldest one expires; close 1013).
   */
  PAIRING_REQUESTS_FULL: 'PAIRING_REQUESTS_FULL',
} as const;

/** One of the {@link ConnectErrorDetailCodes}. */
export type ConnectErrorDetailCode = (typeof ConnectErrorDetailCodes)[keyof typeof ConnectErrorDetailCodes];

/**
 * Detail codes after which a client must stop reconnecting until a person changes something
 * (credentials, configuration, pairing approval or software version).
 */
export const FATAL_CONNECT_DETAIL_CODES: ReadonlySet<string> = new Set<ConnectErrorDetailCode>([
  'AUTH_REQUIRED',
  'AUTH_UNAUTHORIZED',
  'AUTH_TOKEN_MISSING',
  'AUTH_TOKEN_MISMATCH',
  'AUTH_TOKEN_NOT_CONFIGURED',
  'AUTH_PASSWORD_MISSING',
  'AUTH_PASSWORD_MISMATCH',
  'AUTH_PASSWORD_NOT_CONFIGURED',
  'AUTH_BOOTSTRAP_TOKEN_INVALID',
  'AUTH_DEVICE_TOKEN_MISMATCH',
  'AUTH_SCOPE_MISMATCH',
  'AUTH_RATE_LIMITED',
  'AUTH_IDENTITY_HEADER_REQUIRED',
  'AUTH_VERIFIED_USER_REQUIRED',
  'CONTROL_UI_BUILD_MISMATCH',
  'CONTROL_UI_ORIGIN_NOT_ALLOWED',
  'PROTOCOL_MISMATCH',
  'CONTROL_UI_DEVICE_IDENTITY_REQUIRED',
  'DEVICE_IDENTITY_REQUIRED',
  'DEVICE_AUTH_INVALID',
  'DEVICE_AUTH_DEVICE_ID_MISMATCH',
  'DEVICE_AUTH_PUBLIC_KEY_INVALID',
  'DEVICE_AUTH_SIGNATURE_INVALID',
  'PAIRING_REQUIRED',
  'CLIENT_VERSION_MISMATCH',
]);

/** Whether a refused `connect` with this `details.code` should stop automatic reconnection. */
export function isFatalConnectDetailCode(code: unknown): boolean {
  return typeof code === 'string' && FATAL_CONNECT_DETAIL_CODES.has(code);
}

/** What the client should do next, sent as `details.recommendedNextStep` on auth failures. */
export const RecommendedNextSteps = {
  RETRY_WITH_DEVICE_TOKEN: 'retry_with_device_token',
  UPDATE_AUTH_CONFIGURATION: 'update_auth_configuration',
  UPDATE_AUTH_CREDENTIALS: 'update_auth_credentials',
  WAIT_THEN_RETRY: 'wait_then_retry',
  REVIEW_AUTH_CONFIGURATION: 'review_auth_configuration',
} as const;

/** One of the {@link RecommendedNextSteps}. */
export type RecommendedNextStep = (typeof RecommendedNextSteps)[keyof typeof RecommendedNextSteps];
