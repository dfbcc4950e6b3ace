import type { Snapshot } from '@gatewire/protocol';
import { hasExactly, healthJson, numberJson, stateVersionJson } from '../events/state-json';
import type { Admission } from './admission';

/** The keys, in order, of the snapshot the gateway builds itself (no host hook). */
const OWN_SNAPSHOT_KEYS = ['presence', 'health', 'stateVersion', 'uptimeMs', 'authMode'];

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
  const health = healthJson(snapshot.health);
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
