import type { EventDefinition, Snapshot } from '@gatewire/protocol';
import { connectRecordOf, type AuditLog } from '../audit/audit-log';
import type { GatewayAdapter } from '../cluster/adapter';
import type { Connection } from '../connection/connection';
import type { ConnectionInfo } from '../connection/connection-info';
import type { ConnectionRegistry } from '../connection/connection-registry';
import type { BroadcastDelivery } from '../events/local-delivery';
import { helloHealthMessage, sendHelloHealth } from '../handshake/hello-health';
import type { Probes } from '../instrumentation/probes';
import type { NodeApproval } from '../nodes/node-approval';
import type { NodeInvoker } from '../nodes/node-invoker';
import { nodeRouteOf } from '../nodes/node-route';
import type { PresenceCoalescer } from '../presence/presence-coalescer';
import type { PresenceTracker } from '../presence/presence-tracker';
import type { ResumeFeature } from '../resume/resume-feature';
import type { CoreNotifier } from './core-notifier';
import type { ShutdownSequence } from './shutdown';

/** What the lifecycle of a connection touches in the gateway. */
export interface ConnectionLifecycleParts {
  readonly gatewayId: string;
  readonly connections: ConnectionRegistry;
  readonly adapter: GatewayAdapter;
  readonly delivery: BroadcastDelivery;
  readonly resume: ResumeFeature | undefined;
  /** The definition of the `health` event (scope, droppable). */
  readonly healthEvent: EventDefinition;
  readonly presenceTracker: PresenceTracker;
  readonly presenceBroadcasts: PresenceCoalescer;
  readonly nodeInvoker: NodeInvoker;
  readonly audit: AuditLog;
  readonly notifier: CoreNotifier;
  readonly probes: Probes;
  readonly shutdown: ShutdownSequence;
  draining(): boolean;
  /** Handle a frame that arrived while `connect` was processed. */
  frame(connection: Connection, text: string, byteLength: number): void;
}

/**
 * What the gateway records when a connection opens (after `hello-ok`) and when it closes: its
 * event stream and the `health` event at `seq` 1, the connection registry, the node route,
 * presence, the audit log, the host's `connection`/`disconnect` events and the probes.
 */
export class ConnectionLifecycle {
  readonly #parts: ConnectionLifecycleParts;

  constructor(parts: ConnectionLifecycleParts) {
    this.#parts = parts;
  }

  /** `hello-ok` went out: start the stream, record the connection, then handle its queued frames. */
  opened(connection: Connection, info: ConnectionInfo, approval: NodeApproval | undefined, snapshot: Snapshot): void {
    const parts = this.#parts;
    connection.liveFromSerial = Math.max(parts.delivery.nextSerial, (parts.adapter.lastOffset?.() ?? 0) + 1);
    const helloHealth = helloHealthMessage(snapshot, parts.healthEvent, parts.gatewayId);
    parts.resume?.opened(connection, info, [helloHealth]);
    sendHelloHealth(connection, helloHealth);
    parts.connections.promote(connection);
    if (parts.audit.writes('info')) parts.audit.connected(connectRecordOf(info));
    if (approval !== undefined && info.deviceId !== undefined) parts.adapter.registerNode(nodeRouteOf(info, info.deviceId, approval));
    if (parts.presenceTracker.add(info)) parts.presenceBroadcasts.changed();
    parts.notifier.connection(info);
    parts.probes.handshakeAnswered(connection, info.role, undefined);
    parts.probes.connectionOpened(connection);
    for (const pending of connection.takePendingFrames()) parts.frame(connection, pending, Buffer.byteLength(pending));
  }

  /** A connection's socket closed (either side). */
  closed(connection: Connection, code: number, reason: string): void {
    if (connection.state === 'closed') return;
    const parts = this.#parts;
    const stateBefore = connection.state;
    connection.state = 'closed';
    connection.clearHandshakeTimer();
    connection.abortInflight('connection closed');
    parts.connections.remove(connection);
    parts.resume?.closed(connection, code);
    const info = connection.info;
    if (info !== undefined) {
      if (info.role === 'node' && info.deviceId !== undefined) {
        parts.adapter.unregisterNode(info.deviceId, info.connId);
        parts.nodeInvoker.nodeGone(info.connId);
        parts.adapter.nodeConnectionClosed?.(info.connId);
      }
      if (parts.presenceTracker.remove(info) && !parts.draining()) parts.presenceBroadcasts.changed();
      parts.audit.disconnected(info.connId, code, reason);
      parts.notifier.disconnect(info, code, reason);
    }
    parts.probes.connectionClosed(connection, stateBefore, code, reason);
    parts.shutdown.connectionClosed(parts.connections.size);
  }
}
