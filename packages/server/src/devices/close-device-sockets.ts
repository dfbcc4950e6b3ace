import { CloseCodes } from '@gatewire/protocol';
import type { Connection } from '../connection/connection';
import type { DeviceSocketSelector } from './device-management';

/**
 * Close, with 4001 (`AUTH_INVALIDATED`: the client must not retry with the same credential), the
 * authenticated sockets of a device that `selector` picks. The caller's own socket (a device
 * removing itself) closes on the next turn of the event loop, after its answer is written; the
 * others close at once. Returns how many close.
 */
export function closeDeviceSockets(connections: Iterable<Connection>, selector: DeviceSocketSelector): number {
  let closed = 0;
  for (const connection of [...connections]) {
    const info = connection.info;
    if (info === undefined || info.deviceId !== selector.deviceId) continue;
    if (selector.role !== undefined && info.role !== selector.role) continue;
    if (selector.deviceTokenOnly === true && info.authMethod !== 'device-token') continue;
    if (connection.connId === selector.callerConnId) setImmediate(() => connection.close(CloseCodes.AUTH_INVALIDATED, selector.reason));
    else connection.close(CloseCodes.AUTH_INVALIDATED, selector.reason);
    closed += 1;
  }
  return closed;
}
