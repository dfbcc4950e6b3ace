import type { NodeRoute } from '../cluster/adapter';
import type { ConnectionInfo } from '../connection/connection-info';

/** The route of a node connection, as registered with the adapter (node id = device id). */
export function nodeRouteOf(info: ConnectionInfo, nodeId: string): NodeRoute {
  const { client } = info;
  return {
    nodeId,
    connId: info.connId,
    ...(client.displayName === undefined ? {} : { displayName: client.displayName }),
    platform: client.platform,
    version: client.version,
    ...(client.deviceFamily === undefined ? {} : { deviceFamily: client.deviceFamily }),
    clientId: client.id,
    commands: [...info.commands],
    caps: [...info.caps],
    connected: true,
    connectedAtMs: info.connectedAtMs,
    remoteIp: info.clientIp,
    approvalState: 'approved',
  };
}
