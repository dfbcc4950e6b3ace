import { ConnectChallenge } from '../schema/connect';
import { DevicePairChangedEvent } from '../schema/device-lifecycle';
import { DevicePairRequestedEvent, DevicePairResolvedEvent } from '../schema/devices';
import { PresenceEvent, ShutdownEvent, TickEvent } from '../schema/events';
import { NodePairRequestedEvent, NodePairResolvedEvent } from '../schema/node-pairing';
import { NodeInvokeCancelEvent, NodeInvokeRequestEvent } from '../schema/nodes';
import { HealthSnapshot } from '../schema/presence';
import { defineEvent, defineEvents } from './define';
import { monitorUpdateEvent } from './monitor-methods';

/** The core events of a Gatewire gateway. Extend with `{ ...coreEvents, ...defineEvents(...) }`. */
export const coreEvents = defineEvents(
  defineEvent('connect.challenge', { payload: ConnectChallenge, scope: 'everyone', description: 'First frame of every connection.' }),
  defineEvent('tick', { payload: TickEvent, scope: 'everyone', droppable: true }),
  defineEvent('health', { payload: HealthSnapshot, scope: 'everyone', droppable: true }),
  defineEvent('presence', { payload: PresenceEvent, scope: 'operator.read', droppable: true }),
  defineEvent('shutdown', { payload: ShutdownEvent, scope: 'everyone' }),
  defineEvent('node.invoke.request', { payload: NodeInvokeRequestEvent, scope: 'node' }),
  defineEvent('node.invoke.cancel', { payload: NodeInvokeCancelEvent, scope: 'node' }),
  defineEvent('node.pair.requested', { payload: NodePairRequestedEvent, scope: 'operator.pairing', droppable: true }),
  defineEvent('node.pair.resolved', { payload: NodePairResolvedEvent, scope: 'operator.pairing', droppable: true }),
  defineEvent('device.pair.requested', { payload: DevicePairRequestedEvent, scope: 'operator.pairing', droppable: true }),
  defineEvent('device.pair.resolved', { payload: DevicePairResolvedEvent, scope: 'operator.pairing', droppable: true }),
  defineEvent('device.pair.changed', { payload: DevicePairChangedEvent, scope: 'operator.pairing', droppable: true }),
  monitorUpdateEvent,
);

/** The type of {@link coreEvents}. */
export type CoreEvents = typeof coreEvents;
