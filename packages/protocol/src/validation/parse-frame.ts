import { ErrorCodes } from '../codes/error-codes';
import type { GatewayFrame } from '../schema/frames';
import { validators } from './frame-validators';

/** Why a frame was refused: not JSON at all, or JSON that is not a valid frame. */
export type ParseFailureKind = 'json' | 'frame';

/** The result of {@link parseFrame}: a typed frame, or an `INVALID_REQUEST` error ready to send. */
export type ParseFrameResult =
  | { readonly ok: true; readonly frame: GatewayFrame }
  | {
      readonly ok: false;
      readonly kind: ParseFailureKind;
      /** The frame's `id` when it had a usable one, so the refusal can answer it. */
      readonly id: string | undefined;
      readonly error: { readonly code: typeof ErrorCodes.INVALID_REQUEST; readonly message: string };
    };

/** Options of {@link parseFrame}. */
export interface ParseFrameOptions {
  /** Refuse text longer than this many UTF-16 code units before parsing. @default Infinity */
  maxLength?: number;
}

const FORBIDDEN_KEY = '__proto__';

/**
 * Parse one text frame. Never throws: bad JSON, wrong types, oversize text and prototype-pollution
 * keys (`__proto__` anywhere) all give `{ok: false}` with an `INVALID_REQUEST` error.
 */
export function parseFrame(text: unknown, options: ParseFrameOptions = {}): ParseFrameResult {
  if (typeof text !== 'string') return refuse('json', undefined, 'invalid frame: expected a text frame');
  const maxLength = options.maxLength ?? Number.POSITIVE_INFINITY;
  if (text.length > maxLength) return refuse('json', undefined, `invalid frame: longer than ${maxLength} characters`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse('json', undefined, 'invalid frame: not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse('frame', undefined, 'invalid frame: expected a JSON object');
  }
  const record = value as Record<string, unknown>;
  // Any non-empty string id is echoed, however long: the frame already fit the payload limit, and
  // a caller can only match an answer that carries its own id (as the reference gateway does).
  const id = typeof record['id'] === 'string' && record['id'].length > 0 ? record['id'] : undefined;
  if (text.includes(FORBIDDEN_KEY)) {
    const path = findForbiddenKey(value, '');
    if (path !== undefined) return refuse('frame', id, `invalid frame: at ${path}: forbidden property '${FORBIDDEN_KEY}'`);
  }
  switch (record['type']) {
    case 'req':
      return checked(validators.requestFrame, value, id, 'invalid request frame');
    case 'res':
      return checked(validators.responseFrame, value, id, 'invalid response frame');
    case 'event':
      return checked(validators.eventFrame, value, id, 'invalid event frame');
    default:
      return refuse('frame', id, "invalid frame: at /type: expected 'req', 'res' or 'event'");
  }
}

function checked(
  validator: (typeof validators)['requestFrame' | 'responseFrame' | 'eventFrame'],
  value: unknown,
  id: string | undefined,
  label: string,
): ParseFrameResult {
  if (validator.check(value)) return { ok: true, frame: value };
  return refuse('frame', id, `${label}: ${validator.firstError(value) ?? 'invalid'}`);
}

function refuse(kind: ParseFailureKind, id: string | undefined, message: string): ParseFrameResult {
  return { ok: false, kind, id, error: { code: ErrorCodes.INVALID_REQUEST, message } };
}

/** Depth-first search for an own `__proto__` key; iterative, so deep nesting cannot overflow the stack. */
function findForbiddenKey(root: unknown, rootPath: string): string | undefined {
  const stack: Array<[unknown, string]> = [[root, rootPath]];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, string];
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      node.forEach((item, index) => stack.push([item, `${path}/${index}`]));
      continue;
    }
    if (Object.hasOwn(node, FORBIDDEN_KEY)) return path === '' ? 'root' : path;
    for (const [key, child] of Object.entries(node)) stack.push([child, `${path}/${key}`]);
  }
  return undefined;
}
