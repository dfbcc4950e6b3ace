import { hostname, release } from 'node:os';
import { UNTRACKED_PRESENCE_MODES, type PresenceEntry } from '@gatewire/protocol';
import type { GatewayAdapter } from '../cluster/adapter';
import type { ConnectionInfo } from '../connection/connection-info';

/** The gateway's own presence entry (`reason: "self"`), as the reference lists it. */
export function selfPresence(version: string, instanceId: string): PresenceEntry {
  const host = hostname() || 'gateway';
  return {
    host,
    version,
    platform: `${process.platform} ${release()}`,
    mode: 'gateway',
    reason: 'self',
    instanceId,
    text: `Gateway: ${host} · app ${version} · mode gateway · reason self`,
    ts: Date.now(),
  };
}

function entryOf(info: ConnectionInfo): PresenceEntry {
  const { client } = info;
  return {
    ip: info.clientIp,
    version: client.version,
    platform: client.platform,
    ...(client.deviceFamily === undefined ? {} : { deviceFamily: client.deviceFamily }),
    ...(client.modelIdentifier === undefined ? {} : { modelIdentifier: client.modelIdentifier }),
    ...(client.timeZone === undefined ? {} : { timeZone: client.timeZone }),
    ...(client.instanceId === undefined ? {} : { instanceId: client.instanceId }),
    ...(info.deviceId === undefined ? {} : { deviceId: info.deviceId }),
    mode: client.mode,
    reason: 'connect',
    roles: [info.role],
    scopes: [...info.scopes],
    ts: Date.now(),
    onlineSince: info.connectedAtMs,
  };
}

/**
 * Presence of tracked clients (CLI, backend and probe modes are not tracked), kept in the adapter,
 * with the `presence` state version that goes on `presence` events and into snapshots. The gateway's
 * own entry has the key `self:<bootId>`, unique across the gateways of a cluster.
 */
export class PresenceTracker {
  readonly #adapter: GatewayAdapter;
  #version = 1;

  constructor(adapter: GatewayAdapter, self: PresenceEntry, bootId: string) {
    this.#adapter = adapter;
    this.#adapter.setPresence(`self:${bootId}`, self);
  }

  /** The adapter's cluster-wide version when it keeps one, else the count of changes seen here. */
  get version(): number {
    return this.#adapter.presenceVersion?.() ?? this.#version;
  }

  /** Whether a client of this mode appears in presence. */
  static isTracked(info: ConnectionInfo): boolean {
    return !UNTRACKED_PRESENCE_MODES.includes(info.client.mode);
  }

  /** Add a connection; `true` when presence changed. */
  add(info: ConnectionInfo): boolean {
    if (!PresenceTracker.isTracked(info)) return false;
    this.#adapter.setPresence(info.connId, entryOf(info));
    this.#version += 1;
    return true;
  }

  /** Remove a connection; `true` when presence changed. */
  remove(info: ConnectionInfo): boolean {
    if (!PresenceTracker.isTracked(info)) return false;
    this.#adapter.deletePresence(info.connId);
    this.#version += 1;
    return true;
  }

  list(): PresenceEntry[] {
    return this.#adapter.listPresence();
  }
}
