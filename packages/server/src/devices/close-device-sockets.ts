import { CloseCodes } from '@gatewire/protocol';
import type { Connection } from '../connection/connection';
import type { DeviceSocketSelector } from './device-management';

/**
 * Close, with 4001 (`AUTH_INVALIDATED`: the client must not retry with the same credential), the
 * authenticated sockets of a device that `selector` picks. Returns how many closed.
 */
export function closeDeviceSockets(connections: Iterable<Connection>, selector: DeviceSocketSelector): number {
  let closed = 0;
  for (const connection of [...connections]) {
    const info = connection.info;
    if (info === undefined || info.deviceId !== selector.deviceId) continue;
    if (selector.role !== undefined && info.role !== selector.role) continue;
    if (selector.deviceTokenOnly === true && info.authMethod !== 'device-token') continue;
    connection.close(CloseCodes.AUTH_INVALIDATED, selector.reason);
    closed += 1;
  }
  return closed;
}
