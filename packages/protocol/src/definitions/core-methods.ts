import { ConnectParams } from '../schema/connect';
import {
  DevicePairApproveParams,
  DevicePairApproveResult,
  DevicePairListParams,
  DevicePairListResult,
  DevicePairRejectParams,
  DevicePairRejectResult,
} from '../schema/devices';
import {
  DevicePairRemoveParams,
  DevicePairRemoveResult,
  DevicePairRenameParams,
  DevicePairRenameResult,
  DeviceTokenRevokeParams,
  DeviceTokenRevokeResult,
  DeviceTokenRotateParams,
  DeviceTokenRotateResult,
} from '../schema/device-lifecycle';
import { ScopeUpgradeRequestParams, ScopeUpgradeRequestResult, ScopeUpgradeWaitParams, ScopeUpgradeWaitResult } from '../schema/scope-upgrade';
import { EmptyParams, StatusResult, SystemPresenceResult } from '../schema/gateway';
import { HelloOk } from '../schema/hello';
import {
  NodeDescribeParams,
  NodeEventParams,
  NodeEventResult,
  NodeInfo,
  NodeInvokeParams,
  NodeInvokeResult,
  NodeInvokeResultParams,
  NodeListParams,
  NodeListResult,
  OkResult,
} from '../schema/nodes';
import { HealthSnapshot } from '../schema/presence';
import { defineMethod, defineMethods } from './define';
import { CONTROL_PLANE_WRITE_RATE_LIMIT, ownDeviceOrAdmin } from './method-authorization';
import { gatewayIdentityGetMethod, lastHeartbeatMethod, systemInfoMethod } from './system-methods';
import { monitorSnapshotMethod, monitorSubscribeMethod, monitorUnsubscribeMethod } from './monitor-methods';
import { nodePairApproveMethod, nodePairListMethod, nodePairRejectMethod, nodePairRemoveMethod, nodeRenameMethod } from './node-pairing-methods';

export * from './node-pairing-methods';
export * from './system-methods';
export * from './monitor-methods';

/** `connect`: valid only as the first request of a connection (hidden from `features.methods`). */
export const connectMethod = defineMethod('connect', {
  params: ConnectParams,
  result: HelloOk,
  scope: 'operator.admin',
  hidden: true,
  description: 'Handshake; only valid as the first frame.',
});

/** `health`: liveness of the gateway. Callable by every authenticated role. */
export const healthMethod = defineMethod('health', {
  params: EmptyParams,
  result: HealthSnapshot,
  scope: 'operator.read',
  allowAllRoles: true,
  description: 'The health snapshot.',
});

/** `status`: connections, queue depth, counters and latency. */
export const statusMethod = defineMethod('status', {
  params: EmptyParams,
  result: StatusResult,
  scope: 'operator.read',
  description: 'Load and counters of the gateway.',
});

/** `system-presence`: the presence list. */
export const systemPresenceMethod = defineMethod('system-presence', {
  params: EmptyParams,
  result: SystemPresenceResult,
  scope: 'operator.read',
});

/** `node.list`: connected nodes and their commands. */
export const nodeListMethod = defineMethod('node.list', { params: NodeListParams, result: NodeListResult, scope: 'operator.read' });

/** `node.describe`: one node. */
export const nodeDescribeMethod = defineMethod('node.describe', { params: NodeDescribeParams, result: NodeInfo, scope: 'operator.read' });

/** `node.invoke`: run a command on a node and wait for its result. */
export const nodeInvokeMethod = defineMethod('node.invoke', {
  params: NodeInvokeParams,
  result: NodeInvokeResult,
  scope: 'operator.write',
  idempotency: 'required',
});

/** `node.invoke.result`: a node answers a `node.invoke.request`. Node role only. */
export const nodeInvokeResultMethod = defineMethod('node.invoke.result', { params: NodeInvokeResultParams, result: OkResult, scope: 'node' });

/** `node.event`: a node reports an event. Node role only. */
export const nodeEventMethod = defineMethod('node.event', { params: NodeEventParams, result: NodeEventResult, scope: 'node' });

/** `device.pair.list`: pending pairing requests and paired devices. */
export const devicePairListMethod = defineMethod('device.pair.list', {
  params: DevicePairListParams,
  result: DevicePairListResult,
  scope: 'operator.pairing',
});

/** `device.pair.approve`: approve a pending request; the device may reconnect with its device token. */
export const devicePairApproveMethod = defineMethod('device.pair.approve', {
  params: DevicePairApproveParams,
  result: DevicePairApproveResult,
  scope: 'operator.pairing',
  rateLimit: CONTROL_PLANE_WRITE_RATE_LIMIT,
});

/** `device.pair.reject`: reject a pending request. */
export const devicePairRejectMethod = defineMethod('device.pair.reject', {
  params: DevicePairRejectParams,
  result: DevicePairRejectResult,
  scope: 'operator.pairing',
  rateLimit: CONTROL_PLANE_WRITE_RATE_LIMIT,
});

/** `device.pair.remove`: forget a paired device; its live sockets close 4001 "device removed". */
export const devicePairRemoveMethod = defineMethod('device.pair.remove', {
  params: DevicePairRemoveParams,
  result: DevicePairRemoveResult,
  scope: 'operator.pairing',
  rateLimit: CONTROL_PLANE_WRITE_RATE_LIMIT,
  authorize: ownDeviceOrAdmin,
});

/** `device.pair.rename`: give a paired device an operator label. */
export const devicePairRenameMethod = defineMethod('device.pair.rename', {
  params: DevicePairRenameParams,
  result: DevicePairRenameResult,
  scope: 'operator.pairing',
  rateLimit: CONTROL_PLANE_WRITE_RATE_LIMIT,
  authorize: ownDeviceOrAdmin,
});

/** `device.token.rotate`: replace a device's token for a role (scope ceiling applies). */
export const deviceTokenRotateMethod = defineMethod('device.token.rotate', {
  params: DeviceTokenRotateParams,
  result: DeviceTokenRotateResult,
  scope: 'operator.pairing',
  rateLimit: CONTROL_PLANE_WRITE_RATE_LIMIT,
  authorize: ownDeviceOrAdmin,
});

/** `device.token.revoke`: revoke a device's token for a role; sockets using it close 4001. */
export const deviceTokenRevokeMethod = defineMethod('device.token.revoke', {
  params: DeviceTokenRevokeParams,
  result: DeviceTokenRevokeResult,
  scope: 'operator.pairing',
  rateLimit: CONTROL_PLANE_WRITE_RATE_LIMIT,
  authorize: ownDeviceOrAdmin,
});

/** `device.scopes.requestUpgrade`: the calling device asks an operator for more scopes (`operator.read`, as the reference). */
export const deviceScopesRequestUpgradeMethod = defineMethod('device.scopes.requestUpgrade', {
  params: ScopeUpgradeRequestParams,
  result: ScopeUpgradeRequestResult,
  scope: 'operator.read',
  rateLimit: CONTROL_PLANE_WRITE_RATE_LIMIT,
});

/** `device.scopes.waitUpgrade`: wait for the decision on the calling device's upgrade request. */
export const deviceScopesWaitUpgradeMethod = defineMethod('device.scopes.waitUpgrade', {
  params: ScopeUpgradeWaitParams,
  result: ScopeUpgradeWaitResult,
  scope: 'operator.read',
});

/** The core methods every Gatewire gateway serves. Extend with `{ ...coreMethods, ...defineMethods(...) }`. */
export const coreMethods = defineMethods(
  connectMethod,
  healthMethod,
  statusMethod,
  systemPresenceMethod,
  lastHeartbeatMethod,
  gatewayIdentityGetMethod,
  systemInfoMethod,
  nodeListMethod,
  nodeDescribeMethod,
  nodeInvokeMethod,
  nodeInvokeResultMethod,
  nodeEventMethod,
  nodePairListMethod,
  nodePairApproveMethod,
  nodePairRejectMethod,
  nodePairRemoveMethod,
  nodeRenameMethod,
  devicePairListMethod,
  devicePairApproveMethod,
  devicePairRejectMethod,
  devicePairRemoveMethod,
  devicePairRenameMethod,
  deviceTokenRotateMethod,
  deviceTokenRevokeMethod,
  deviceScopesRequestUpgradeMethod,
  deviceScopesWaitUpgradeMethod,
  monitorSnapshotMethod,
  monitorSubscribeMethod,
  monitorUnsubscribeMethod,
);

/** The type of {@link coreMethods}. */
export type CoreMethods = typeof coreMethods;
