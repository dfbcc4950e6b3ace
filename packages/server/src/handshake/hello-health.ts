import type { EventDefinition, HelloOk } from '@gatewire/protocol';
import type { BroadcastMessage } from '../cluster/adapter';
import type { Connection } from '../connection/connection';
import { SerializedBroadcast } from '../events/serialized-broadcast';

/**
 * The `health` event a connection receives right after `hello-ok`, as the reference gateway sends
 * it: the snapshot's health and state version. Local to this gateway (`gatewayId`), like every
 * `health`.
 */
export function helloHealthMessage(snapshot: HelloOk['snapshot'], definition: EventDefinition, gatewayId: string): BroadcastMessage {
  return { event: 'health', payload: snapshot.health, scope: definition.scope, droppable: definition.droppable, stateVersion: snapshot.stateVersion, gatewayId };
}

/**
 * Send `message` to `connection` alone as its first sequenced event (`seq` 1; recorded in its replay
 * stream, if it has one). Its serial is just below the connection's live stream, so a resume that
 * replays this stream includes it and no successor's cut-off excludes it.
 */
export function sendHelloHealth(connection: Connection, message: BroadcastMessage): void {
  const broadcast = new SerializedBroadcast(connection.liveFromSerial - 1, message);
  connection.sendSequenced(broadcast, message.droppable);
  // A replay stream keeps this broadcast for as long as the connection may resume: the prefix only,
  // not the frame built for this one send (its text and its WebSocket frame bytes).
  broadcast.releaseFrame();
}
