/**
 * The base of every error this package throws or rejects with.
 *
 * Two families derive from it:
 * - {@link GatewayClientError} (`family: "sdk"`): raised locally by the SDK, with a code from
 *   `SdkErrorCodes`; never sent on the wire.
 * - {@link GatewayRequestError} (`family: "wire"`): an error object the gateway sent in a failed
 *   `res` frame, with the gateway's own code.
 *
 * `instanceof` breaks when two copies of the package are installed (or when ESM and CJS builds
 * meet), so each class offers a static `isInstance` that checks a brand registered with
 * `Symbol.for` instead.
 */
const GATEWIRE_ERROR_BRAND = Symbol.for('gatewire.error');

/** Which family an error belongs to. */
export type GatewireErrorFamily = 'sdk' | 'wire';

/** Options shared by every Gatewire error. */
export interface GatewireErrorOptions {
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/** Base class: a stable string `code`, a `family`, and an optional `cause`. */
export abstract class GatewireError extends Error {
  /** A stable, documented string to branch on (never parse `message`). */
  abstract readonly code: string;
  /** `"sdk"` for errors raised by the SDK, `"wire"` for errors sent by the gateway. */
  abstract readonly family: GatewireErrorFamily;

  protected constructor(message: string, options: GatewireErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    Object.defineProperty(this, GATEWIRE_ERROR_BRAND, { value: true });
  }

  /** Whether `value` is any Gatewire error, from this copy of the package or another one. */
  static isInstance(value: unknown): value is GatewireError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[GATEWIRE_ERROR_BRAND] === true;
  }
}

/**
 * Brand an error that cannot extend {@link GatewireError} (e.g. a `TypeError` subclass) so that the
 * `isInstance` checks recognise it.
 */
export function brandGatewireError(error: Error & { readonly family: GatewireErrorFamily; readonly code: string }): void {
  Object.defineProperty(error, GATEWIRE_ERROR_BRAND, { value: true });
}

/** Whether `value` is a Gatewire error of the given family (brand check, copy-safe). */
export function isGatewireErrorOfFamily(value: unknown, family: GatewireErrorFamily): boolean {
  return GatewireError.isInstance(value) && value.family === family;
}
