/**
 * JSON text of values every `hello-ok` and stateful event carries (the gateway's own health, the
 * state version), written field by field when their shape is the known one: exactly what
 * `JSON.stringify` makes of them, without its cost per call. Any other shape is the caller's to
 * stringify.
 */

/** The keys, in order, of the gateway's own health. */
const OWN_HEALTH_KEYS = ['ok', 'ts', 'durationMs'];
/** The keys, in order, of `stateVersion`. */
const STATE_VERSION_KEYS = ['presence', 'health'];

/**
 * Whether `value` is a plain object whose own keys are exactly `keys`, in that order, so the
 * caller may write its JSON field by field (no prototype of its own: no `toJSON`, nothing inherited).
 */
export function hasExactly(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  let count = 0;
  for (const key in value) {
    if (key !== keys[count]) return false;
    count += 1;
  }
  return count === keys.length;
}

/** `JSON.stringify` of a number: its shortest round-trip text, `null` when not finite. */
export function numberJson(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/** The gateway's own health (`{ ok, ts, durationMs }` with those types) as JSON; `undefined` for any other value. */
export function healthJson(health: unknown): string | undefined {
  if (!hasExactly(health, OWN_HEALTH_KEYS)) return undefined;
  const { ok, ts, durationMs } = health;
  if (typeof ok !== 'boolean' || typeof ts !== 'number' || typeof durationMs !== 'number') return undefined;
  return `{"ok":${ok ? 'true' : 'false'},"ts":${numberJson(ts)},"durationMs":${numberJson(durationMs)}}`;
}

/** A state version (`{ presence, health }`, numbers) as JSON; `undefined` for any other value. */
export function stateVersionJson(stateVersion: unknown): string | undefined {
  if (!hasExactly(stateVersion, STATE_VERSION_KEYS)) return undefined;
  const { presence, health } = stateVersion;
  if (typeof presence !== 'number' || typeof health !== 'number') return undefined;
  return `{"presence":${numberJson(presence)},"health":${numberJson(health)}}`;
}
