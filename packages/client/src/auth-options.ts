/** Credentials sent in `connect.params.auth`. */
export interface AuthOptions {
  /** The gateway's shared token. Signed in the device payload. @default undefined */
  token?: string | undefined;
  /** The gateway's password (never signed). @default undefined */
  password?: string | undefined;
  /**
   * A device token issued earlier. When neither `token` nor `deviceToken` is given, the token kept in
   * the `identityStore` for (device, role) is used, with the scopes it was issued for. A device
   * token cannot widen scopes: when you pass `deviceToken` yourself, also pass the `scopes` it was
   * approved for (the default `["operator.admin"]` is refused with `AUTH_SCOPE_MISMATCH` otherwise).
   * @default undefined
   */
  deviceToken?: string | undefined;
  /** A one-time bootstrap (setup) token. @default undefined */
  bootstrapToken?: string | undefined;
  /**
   * When the gateway refuses `token` (`AUTH_TOKEN_MISMATCH`) on a trusted endpoint (loopback, or
   * `wss://` with a pin) and the identity store holds a device token, retry once with that device
   * token, as the reference client does. The original refusal is not lost: a successful retry's
   * `hello` event carries it as `sharedTokenRefusal`, and a failed retry stops the client with the
   * original `AUTH_TOKEN_MISMATCH` (its message names both refusals). Set `false` when a person gave
   * the token explicitly and a wrong one must fail at once.
   * @default true
   */
  storedTokenFallback?: boolean | undefined;
}
