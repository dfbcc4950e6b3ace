import type { MonitorConnection } from '@gatewire/protocol';
import type { ConnectionInfo } from '../connection/connection-info';

/** How the monitor lists a connection (no secrets: no token, no auth details). */
export function monitorConnectionOf(info: ConnectionInfo): MonitorConnection {
  return {
    connId: info.connId,
    role: info.role,
    clientId: info.client.id,
    clientMode: info.client.mode,
    clientVersion: info.client.version,
    platform: info.client.platform,
    ...(info.client.displayName === undefined ? {} : { displayName: info.client.displayName }),
    clientIp: info.clientIp,
    ...(info.deviceId === undefined ? {} : { deviceId: info.deviceId }),
    scopes: [...info.scopes],
    connectedAtMs: info.connectedAtMs,
  };
}
