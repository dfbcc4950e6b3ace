import type { NodeInfo } from '@gatewire/protocol';
import type { NodeRoute } from '../cluster/adapter';
import type { ConnectionInfo } from '../connection/connection-info';
import { approvalView, type NodeApproval, type NodeSurface } from './node-approval';

/** What a node connection declares, as node pairing reads it (node id = device id). */
export function nodeSurfaceOf(info: ConnectionInfo, nodeId: string): NodeSurface {
  const { client } = info;
  return {
    nodeId,
    displayName: client.displayName,
    platform: client.platform,
    version: client.version,
    deviceFamily: client.deviceFamily,
    clientId: client.id,
    caps: info.caps,
    commands: info.commands,
    remoteIp: info.clientIp,
  };
}

/** The route of a node connection, as registered with the adapter, with its approval applied. */
export function nodeRouteOf(info: ConnectionInfo, nodeId: string, approval: NodeApproval): NodeRoute {
  const { client } = info;
  const displayName = approval.paired?.displayName ?? client.displayName;
  return {
    nodeId,
    connId: info.connId,
    ...(displayName === undefined ? {} : { displayName }),
    platform: client.platform,
    version: client.version,
    ...(client.deviceFamily === undefined ? {} : { deviceFamily: client.deviceFamily }),
    clientId: client.id,
    caps: [...info.caps],
    connected: true,
    connectedAtMs: info.connectedAtMs,
    remoteIp: info.clientIp,
    declaredCommands: [...info.commands],
    declaredCaps: [...info.caps],
    ...approvalView(info.commands, info.caps, approval),
  };
}

/** A route with a new approval applied (after `node.pair.approve`, `reject` or `node.rename`). */
export function reapprovedRoute(route: NodeRoute, approval: NodeApproval): NodeRoute {
  const {
    paired: _paired,
    approvedAtMs: _approvedAtMs,
    approvalState: _approvalState,
    pendingRequestId: _pendingRequestId,
    pendingDeclaredCommands: _pendingDeclaredCommands,
    pendingDeclaredCaps: _pendingDeclaredCaps,
    ...rest
  } = route;
  const displayName = approval.paired?.displayName ?? route.displayName;
  return { ...rest, ...(displayName === undefined ? {} : { displayName }), ...approvalView(route.declaredCommands, route.declaredCaps, approval) };
}

/** The wire form of a route: no connection id, no declared lists. */
export function toNodeInfo(route: NodeRoute): NodeInfo {
  const { connId: _connId, declaredCommands: _declaredCommands, declaredCaps: _declaredCaps, ...info } = route;
  return info;
}
