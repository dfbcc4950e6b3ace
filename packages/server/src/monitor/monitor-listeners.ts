import type { Instrumentation } from '../instrumentation/instrumentation';
import type { InstrumentationEvents } from '../instrumentation/instrumentation-events';
import type { MonitorFeed } from './monitor-feed';
import type { MonitorSubscribers } from './monitor-subscribers';

/** The row that counts calls of methods the gateway does not serve (their names are not kept). */
export const UNREGISTERED_METHODS_ROW = '(unregistered)';

/**
 * Feed the monitor from the gateway's instrumentation seam: refusals, slow-consumer closes, finished
 * requests and delivered broadcasts. Without subscribers (`monitor: false`) only the finished
 * requests, which `status` reports on. Connections opened and closed are listened to only while
 * someone follows the feed (see {@link followConnections}). Returns the function that detaches it.
 */
export function attachMonitorFeed(instrumentation: Instrumentation, feed: MonitorFeed, subscribers: MonitorSubscribers | undefined): () => void {
  const requests: Pick<InstrumentationEvents, 'request'> = {
    request: (event) => feed.requestDone(event.registered ? event.method : UNREGISTERED_METHODS_ROW, event.outcome === 'ok', event.durationMs),
  };
  return attach(instrumentation, subscribers === undefined ? requests : {
    ...requests,
    handshake: (event) => {
      if (event.outcome !== 'refused') return;
      feed.incident({
        kind: 'refused',
        connId: event.connId,
        clientIp: event.clientIp,
        code: event.refusalCode ?? event.errorCode ?? 'REFUSED',
        message: `connect refused (${event.errorCode ?? 'error'}), closed ${event.closeCode ?? ''}`.trim(),
      });
    },
    'upgrade-refused': (event) => feed.incident({ kind: 'upgrade-refused', clientIp: event.clientIp, code: `HTTP ${event.status}`, message: event.type }),
    'slow-consumer': (event) => feed.incident({ kind: 'slow-consumer', connId: event.connId, clientIp: event.clientIp, code: 'SLOW_CONSUMER', message: `closed 1008 with ${event.bufferedBytes} bytes unsent` }),
    broadcast: (event) => feed.eventSent(event.event),
  });
}

/**
 * While someone follows the feed: connections opened and closed go into its next update, and a
 * subscriber's connection that closes stops following. Not listened to otherwise, so a handshake
 * or a close with nobody following builds no event for the monitor. Returns the function that
 * detaches it.
 */
export function followConnections(instrumentation: Instrumentation, feed: MonitorFeed, subscribers: MonitorSubscribers): () => void {
  return attach(instrumentation, {
    'connection-opened': ({ connection }) => feed.connectionOpened(connection),
    'connection-closed': ({ connId, connection, code, reason }) => {
      subscribers.remove(connId);
      if (connection !== undefined) feed.connectionClosed(connId, code, reason);
    },
  });
}

function attach(instrumentation: Instrumentation, listeners: { [K in keyof InstrumentationEvents]?: InstrumentationEvents[K] }): () => void {
  const entries = Object.entries(listeners) as Array<[keyof InstrumentationEvents, never]>;
  for (const [event, listener] of entries) instrumentation.on(event, listener);
  return () => {
    for (const [event, listener] of entries) instrumentation.off(event, listener);
  };
}
