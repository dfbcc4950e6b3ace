import { EmptyParams } from '../schema/gateway';
import { GatewayIdentityResult, LastHeartbeatResult, SystemInfoResult } from '../schema/system';
import { defineMethod } from './define';

/** `last-heartbeat`: the last automation heartbeat (`null` on a Gatewire gateway, which runs none). */
export const lastHeartbeatMethod = defineMethod('last-heartbeat', {
  params: EmptyParams,
  result: LastHeartbeatResult,
  scope: 'operator.read',
  description: 'The last automation heartbeat, or null.',
});

/** `gateway.identity.get`: the gateway's own device identity. */
export const gatewayIdentityGetMethod = defineMethod('gateway.identity.get', {
  params: EmptyParams,
  result: GatewayIdentityResult,
  scope: 'operator.read',
  description: "The gateway's Ed25519 identity.",
});

/** `system.info`: host, process memory, event-loop delay, uptime and versions. */
export const systemInfoMethod = defineMethod('system.info', {
  params: EmptyParams,
  result: SystemInfoResult,
  scope: 'operator.read',
  description: 'Host and process vitals of the gateway.',
});
