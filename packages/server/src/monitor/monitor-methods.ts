import { monitorSnapshotMethod, monitorSubscribeMethod, monitorUnsubscribeMethod } from '@gatewire/protocol';
import type { Connection } from '../connection/connection';
import type { MethodRegistry } from '../methods/method-registry';
import type { MonitorFeed } from './monitor-feed';
import type { MonitorSubscribers } from './monitor-subscribers';

/** Register `monitor.snapshot`, `monitor.subscribe` and `monitor.unsubscribe` (admin scope, from their definitions). */
export function registerMonitorMethods(
  registry: MethodRegistry,
  feed: MonitorFeed,
  subscribers: MonitorSubscribers,
  connectionOf: (connId: string) => Connection | undefined,
): void {
  registry.register(monitorSnapshotMethod, () => feed.snapshot());
  registry.register(monitorSubscribeMethod, (_params, { connection }) => {
    const subscriber = connectionOf(connection.connId);
    // Subscribe first, in the same turn as the snapshot: every change after it reaches the next update.
    if (subscriber !== undefined) subscribers.add(subscriber);
    return feed.snapshot();
  });
  registry.register(monitorUnsubscribeMethod, (_params, { connection }) => {
    return { subscribed: subscribers.remove(connection.connId) };
  });
}
