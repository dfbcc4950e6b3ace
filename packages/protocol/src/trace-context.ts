/** The longest `traceparent` a request frame may carry, characters (the frame schema's bound). */
export const TRACEPARENT_MAX_LENGTH = 128;

/** The fields of a W3C `traceparent` (Trace Context, level 1). */
export interface Traceparent {
  /** Two lowercase hex digits; never `ff`. */
  readonly version: string;
  /** 32 lowercase hex digits, not all zero. */
  readonly traceId: string;
  /** The caller's span: 16 lowercase hex digits, not all zero. */
  readonly parentId: string;
  /** Trace flags (bit 0: sampled). */
  readonly flags: number;
}

/** Version, trace id, parent id, flags and what a later version appends; never version `ff` or an all-zero id. */
const TRACEPARENT = /^(?!ff)([\da-f]{2})-(?!0{32})([\da-f]{32})-(?!0{16})([\da-f]{16})-([\da-f]{2})(-.*)?$/;

/**
 * Parse a request frame's `traceparent` (W3C Trace Context): `undefined` when it is not a valid
 * one (wrong shape, version `ff`, an all-zero id, extra fields after a version `00` value, or longer
 * than {@link TRACEPARENT_MAX_LENGTH}). Later versions may append fields, which are ignored.
 */
export function parseTraceparent(value: string): Traceparent | undefined {
  const match = value.length > TRACEPARENT_MAX_LENGTH ? null : TRACEPARENT.exec(value);
  if (match === null) return undefined;
  const [, version, traceId, parentId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === '00' && rest !== undefined) return undefined;
  return { version, traceId, parentId, flags: Number.parseInt(flags, 16) };
}
