import type { Snapshot } from '@gatewire/protocol';
import type { Admission } from './admission';

/** The keys, in order, of the snapshot the gateway builds itself (no host hook). */
const OWN_SNAPSHOT_KEYS = ['presence', 'health', 'stateVersion', 'uptimeMs', 'authMode'];
/** The keys, in order, of the gateway's own health. */
const OWN_HEALTH_KEYS = ['ok', 'ts', 'durationMs'];
/** The keys, in order, of `stateVersion`. */
const STATE_VERSION_KEYS = ['presence', 'health'];

/**
 * Whether `value` is a plain object whose own keys are exactly `keys`, in that order, so the
 * caller may write its JSON field by field (no prototype of its own: no `toJSON`, nothing inherited).
 */
function hasExactly(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
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

/** `{ ok, ts, durationMs }` with those types, as JSON; `undefined` for any other value. */
function ownHealthJson(health: unknown): string | undefined {
  if (!hasExactly(health, OWN_HEALTH_KEYS)) return undefined;
  const { ok, ts, durationMs } = health;
  if (typeof ok !== 'boolean' || typeof ts !== 'number' || typeof durationMs !== 'number') return undefined;
  return `{"ok":${ok ? 'true' : 'false'},"ts":${numberJson(ts)},"durationMs":${numberJson(durationMs)}}`;
}

/** `{ presence, health }` version numbers as JSON; `undefined` for any other value. */
function stateVersionJson(stateVersion: unknown): string | undefined {
  if (!hasExactly(stateVersion, STATE_VERSION_KEYS)) return undefined;
  const { presence, health } = stateVersion;
  if (typeof presence !== 'number' || typeof health !== 'number') return undefined;
  return `{"presence":${numberJson(presence)},"health":${numberJson(health)}}`;
}

/**
 * `hello-ok.snapshot` as text: exactly `JSON.stringify(snapshot)`. The snapshot the gateway builds
 * itself (no host hook: presence, its own health, the versions, uptime, auth mode) is written field by
 * field around the presence list, the only part serialized whole; any other shape (host fields,
 * a hosted health report) is stringified as it is.
 */
export function helloSnapshotJson(snapshot: Snapshot): string {
  if (!hasExactly(snapshot, OWN_SNAPSHOT_KEYS) || typeof snapshot.uptimeMs !== 'number' || typeof snapshot.authMode !== 'string') {
    return JSON.stringify(snapshot);
  }
  const health = ownHealthJson(snapshot.health);
  const stateVersion = stateVersionJson(snapshot.stateVersion);
  if (health === undefined || stateVersion === undefined) return JSON.stringify(snapshot);
  return `{"presence":${JSON.stringify(snapshot.presence)},"health":${health},"stateVersion":${stateVersion},"uptimeMs":${numberJson(snapshot.uptimeMs)},"authMode":${JSON.stringify(snapshot.authMode)}}`;
}

/**
 * `hello-ok.auth` as text: exactly `JSON.stringify(helloAuthOf(admission))` (role, scopes, method,
 * and the device token and its issue time when one was issued), written without the objects.
 */
export function helloAuthJson(admission: Admission): string {
  const head = `{"role":${JSON.stringify(admission.role)},"scopes":${JSON.stringify(admission.scopes)},"method":${JSON.stringify(admission.method)}`;
  const deviceToken = admission.deviceToken;
  if (deviceToken === undefined) return `${head}}`;
  return `${head},"deviceToken":${JSON.stringify(deviceToken.token)},"issuedAtMs":${JSON.stringify(deviceToken.issuedAtMs)}}`;
}
