import type { ErrorShape, EventFrame, RequestFrame, ResponseFrame } from './schema/frames';

/**
 * Structural guards for frames, without the schema compiler: for readers that must stay small (the
 * browser client). They check the discriminant and the fields a reader branches on; the full,
 * closed validation is `parseFrame`.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** A `req` frame with a string id and method. */
export function isRequestFrame(value: unknown): value is RequestFrame {
  return isRecord(value) && value['type'] === 'req' && isNonEmptyString(value['id']) && isNonEmptyString(value['method']);
}

/** A `res` frame with a string id and boolean `ok`, whose `error` (if any) has a code and message. */
export function isResponseFrame(value: unknown): value is ResponseFrame {
  if (!isRecord(value) || value['type'] !== 'res' || !isNonEmptyString(value['id']) || typeof value['ok'] !== 'boolean') return false;
  return value['error'] === undefined || isErrorShape(value['error']);
}

/** An `event` frame with a name and, when present, a non-negative integer `seq`. */
export function isEventFrame(value: unknown): value is EventFrame {
  if (!isRecord(value) || value['type'] !== 'event' || !isNonEmptyString(value['event'])) return false;
  const seq = value['seq'];
  return seq === undefined || (Number.isSafeInteger(seq) && (seq as number) >= 0);
}

/** An error object with a string `code` and `message`. */
export function isErrorShape(value: unknown): value is ErrorShape {
  return isRecord(value) && isNonEmptyString(value['code']) && typeof value['message'] === 'string';
}
