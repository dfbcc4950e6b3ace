import type { Role } from '../codes/roles';
import type { OperatorScope } from '../codes/scopes';

/** What a method's `authorize` check sees of the caller. */
export interface MethodCaller {
  readonly role: Role;
  /** The scopes granted at `connect` (not expanded). */
  readonly scopes: readonly string[];
  /** The verified device id, when the caller proved a device key. */
  readonly deviceId: string | undefined;
  /** Whether the caller holds `scope`, with the implication rules (`operator.admin` holds all). */
  hasScope(scope: OperatorScope): boolean;
}

/**
 * The verdict of a method's `authorize` check:
 * - `true` or `undefined`: allowed;
 * - a list of scopes: allowed only if the caller holds every one of them, else `FORBIDDEN` with
 *   `details: {code: "MISSING_SCOPE", missingScope, requiredScopes}`;
 * - `false`: refused with `FORBIDDEN` and `details.code: "NOT_AUTHORIZED"`.
 */
export type MethodAuthorization = boolean | undefined | readonly OperatorScope[];

/**
 * A per-caller call budget of a method: at most `maxCalls` within any `windowMs` for one caller (its
 * device id, else its address); more answer `UNAVAILABLE` with `retryable: true`, `retryAfterMs`
 * and `details: {code: "RATE_LIMITED", method, limit}`.
 */
export interface MethodRateLimit {
  /** Calls allowed within a window (a positive integer). */
  readonly maxCalls: number;
  /** The sliding window, ms (a positive integer). */
  readonly windowMs: number;
}

/**
 * The `authorize` check of the device management methods (`device.pair.remove`, `device.pair.rename`,
 * `device.token.rotate`, `device.token.revoke`): a caller manages its own device; any other device
 * takes `operator.admin` (so a device-less caller needs it always).
 */
export function ownDeviceOrAdmin(params: { readonly deviceId: string }, caller: MethodCaller): MethodAuthorization {
  return caller.deviceId !== undefined && params.deviceId === caller.deviceId ? undefined : ['operator.admin'];
}

/** The reference gateway's budget for control-plane writes: 30 calls per 60 s per device or address. */
export const CONTROL_PLANE_WRITE_RATE_LIMIT: MethodRateLimit = /* @__PURE__ */ Object.freeze({ maxCalls: 30, windowMs: 60_000 });

/** Check a rate limit at definition time (a `TypeError` naming the method when it is not valid). */
export function checkRateLimit(name: string, limit: MethodRateLimit | undefined): MethodRateLimit | undefined {
  if (limit === undefined) return undefined;
  for (const key of ['maxCalls', 'windowMs'] as const) {
    const value = limit[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`defineMethod ${name}: rateLimit.${key} must be a positive integer, got ${String(value)}`);
    }
  }
  return { maxCalls: limit.maxCalls, windowMs: limit.windowMs };
}
