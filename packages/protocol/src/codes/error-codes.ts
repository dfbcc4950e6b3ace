/**
 * Wire error codes: the `error.code` of a failed `res` frame. Branch on these, and on
 * `error.details.code` for the precise reason (see {@link ConnectErrorDetailCodes}).
 */
export const ErrorCodes = {
  /** The frame or its params failed validation, the method is unknown, the role is not allowed, or authentication failed. */
  INVALID_REQUEST: 'INVALID_REQUEST',
  /** The caller is authenticated but lacks a scope the method needs (`details.code: "MISSING_SCOPE"`). */
  FORBIDDEN: 'FORBIDDEN',
  /** The device is not paired yet, or a device identity is required (`details.code` says which). */
  NOT_PAIRED: 'NOT_PAIRED',
  /** The gateway cannot serve the call now: busy, starting, restarting, rate limited, or the handler failed. Often `retryable`. */
  UNAVAILABLE: 'UNAVAILABLE',
  /** An approval or pairing request id does not exist or has expired. */
  APPROVAL_NOT_FOUND: 'APPROVAL_NOT_FOUND',
} as const;

/** One of the {@link ErrorCodes}. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/**
 * Why a host's `health`, `status` or `snapshot` hook gave no usable result. Sent as `details.code`
 * of a `status` call's `UNAVAILABLE` answer and as `error.code` of a `health` report with
 * `ok: false`; the gateway's `error` event carries the same code.
 */
export const HostHookErrorCodes = {
  /** The hook threw or its promise rejected (the host's message stays in the gateway's log). */
  HOST_HOOK_FAILED: 'HOST_HOOK_FAILED',
  /** The hook did not settle within the gateway's `hostHookTimeoutMs`. */
  HOST_HOOK_TIMEOUT: 'HOST_HOOK_TIMEOUT',
  /** The hook's result is not plain JSON, or not the shape the wire needs (the message says where). */
  HOST_HOOK_INVALID_RESULT: 'HOST_HOOK_INVALID_RESULT',
} as const;

/** One of the {@link HostHookErrorCodes}. */
export type HostHookErrorCode = (typeof HostHookErrorCodes)[keyof typeof HostHookErrorCodes];

/**
 * Method-level `error.details.code` values that Gatewire servers send after the handshake.
 */
export const MethodErrorDetailCodes = /* @__PURE__ */ (() =>
  // In a call marked pure: a bundler cannot prove an object spread free of getters, so without the
  // call a browser bundle of the built package would keep this table even when nothing uses it.
  ({
    ...HostHookErrorCodes,
    /** `FORBIDDEN`: `details.missingScope` names the scope, `details.requiredScopes` lists them. */
    MISSING_SCOPE: 'MISSING_SCOPE',
    /** `FORBIDDEN`: the method's `authorize` check refused the call (whatever the caller's scopes). */
    NOT_AUTHORIZED: 'NOT_AUTHORIZED',
    /** `UNAVAILABLE`: the caller exceeded the method's rate limit; `details.method` and `details.limit` say which, retry after `retryAfterMs`. */
    RATE_LIMITED: 'RATE_LIMITED',
    /** `UNAVAILABLE`: a node command surface is not approved yet or changed. */
    PAIRING_CHANGED: 'PAIRING_CHANGED',
    /** `UNAVAILABLE`: the gateway is over its request or concurrency budget; retry after `retryAfterMs`. */
    BUSY: 'BUSY',
    /** `UNAVAILABLE`: the handler threw; the message is sanitized. */
    HANDLER_FAILED: 'HANDLER_FAILED',
    /**
     * `UNAVAILABLE`: the gateway is shutting down or restarting. Reserved: the Gatewire gateway does not
     * send it (requests running at shutdown get no answer before the 1012 close, so a client replays
     * its idempotent ones after reconnecting).
     */
    SHUTTING_DOWN: 'SHUTTING_DOWN',
    /**
     * `INVALID_REQUEST`: the caller already used this `idempotencyKey` for the same method with
     * different params (within the idempotency window). Not retryable: use a new key.
     */
    IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
    /** `INVALID_REQUEST`: no paired device with `details.deviceId` (or it has no token for `details.role`). */
    DEVICE_NOT_FOUND: 'DEVICE_NOT_FOUND',
    /**
     * `UNAVAILABLE`: `device.scopes.requestUpgrade` would open a pairing request while the gateway holds
     * its maximum of pending ones; retryable after `retryAfterMs`.
     */
    PAIRING_REQUESTS_FULL: 'PAIRING_REQUESTS_FULL',
    /** `INVALID_REQUEST`: `device.scopes.*` needs an operator connection of a paired device. */
    DEVICE_IDENTITY_REQUIRED: 'DEVICE_IDENTITY_REQUIRED',
  }) as const)();

/** One of the {@link MethodErrorDetailCodes}. */
export type MethodErrorDetailCode = (typeof MethodErrorDetailCodes)[keyof typeof MethodErrorDetailCodes];

/** Failure codes of a `node.invoke` result, as the gateway reports them to the caller. */
export const NodeInvokeFailureCodes = {
  /** The node is not connected, or it vanished while the call was pending. */
  UNAVAILABLE: 'UNAVAILABLE',
  /** The node's command surface is not approved, or it changed. */
  PAIRING_CHANGED: 'PAIRING_CHANGED',
  /** The node reconnected elsewhere while the call was pending. */
  ROUTE_CHANGED: 'ROUTE_CHANGED',
  /** The command is no longer allowed by policy. */
  POLICY_CHANGED: 'POLICY_CHANGED',
  /** The node did not answer within `timeoutMs`. */
  TIMEOUT: 'TIMEOUT',
  /** The caller went away or cancelled. */
  ABORTED: 'ABORTED',
} as const;

/** One of the {@link NodeInvokeFailureCodes}. */
export type NodeInvokeFailureCode = (typeof NodeInvokeFailureCodes)[keyof typeof NodeInvokeFailureCodes];
