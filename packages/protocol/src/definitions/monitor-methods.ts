import {
  MonitorSnapshot,
  MonitorSnapshotParams,
  MonitorSubscribeParams,
  MonitorUnsubscribeParams,
  MonitorUnsubscribeResult,
  MonitorUpdateEvent,
} from '../schema/monitor';
import { defineEvent, defineMethod } from './define';

/** `monitor.snapshot`: connections, request rates and latency, incidents and recent events, now. Admin only. */
export const monitorSnapshotMethod = defineMethod('monitor.snapshot', {
  params: MonitorSnapshotParams,
  result: MonitorSnapshot,
  scope: 'operator.admin',
  description: 'The live operator view of this gateway, now.',
});

/** `monitor.subscribe`: the snapshot, then `monitor.update` events to this connection until it unsubscribes or closes. Admin only. */
export const monitorSubscribeMethod = defineMethod('monitor.subscribe', {
  params: MonitorSubscribeParams,
  result: MonitorSnapshot,
  scope: 'operator.admin',
  description: 'The snapshot, then coalesced monitor.update events.',
});

/** `monitor.unsubscribe`: stop the `monitor.update` events of this connection. */
export const monitorUnsubscribeMethod = defineMethod('monitor.unsubscribe', {
  params: MonitorUnsubscribeParams,
  result: MonitorUnsubscribeResult,
  scope: 'operator.admin',
});

/** `monitor.update`: sent only to connections that called `monitor.subscribe`; dropped for a slow subscriber. */
export const monitorUpdateEvent = defineEvent('monitor.update', {
  payload: MonitorUpdateEvent,
  scope: 'operator.admin',
  droppable: true,
  description: 'What changed since the previous monitor update (subscribers only).',
});
