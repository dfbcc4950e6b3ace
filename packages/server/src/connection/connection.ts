import { CloseCodes, truncateCloseReason, type ErrorShape } from '@gatewire/protocol';
import type { SerializedBroadcast } from '../events/serialized-broadcast';
import { HandshakeDeadlines, type HandshakeDeadline } from '../handshake/handshake-deadlines';
import { PendingFrames } from '../handshake/pending-frames';
import type { ClientAddress } from '../net/client-address';
import type { ReplayStream } from '../resume/replay-stream';
import type { GatewaySocket } from '../transport/socket';
import type { UpgradeRequest } from '../transport/upgrade-request';
import type { ConnectionInfo } from './connection-info';
import type { GatewayCounters } from './counters';
import { sharedScopeSet } from './scope-sets';

/** Where a connection is in its life. */
export type ConnectionState = 'awaiting-connect' | 'authenticating' | 'open' | 'closed';

const NO_SCOPES: ReadonlySet<string> = new Set();

const NO_FRAMES: readonly string[] = Object.freeze([]);

/** What {@link Connection.request} holds once the handshake no longer needs the request. */
const RELEASED_REQUEST: UpgradeRequest = Object.freeze({ remoteAddress: '', headers: Object.freeze({}), url: '' });

/** A running method call, as the connection sees it: something to abort when it closes. */
export interface AbortableCall {
  abort(reason: Error): void;
}

/** Fixed per-connection settings. */
export interface ConnectionSettings {
  readonly maxBufferedBytes: number;
  /** How long a connection may stay over `maxBufferedBytes`, dropping events, before it is closed, ms. */
  readonly slowConsumerTimeoutMs: number;
  readonly counters: GatewayCounters;
  /** Told when a connection is closed 1008 "slow consumer" (before its socket closes). */
  readonly onSlowConsumer: (connection: Connection) => void;
  /** The gateway's handshake deadlines (one timer for every connection, see {@link handshakeDeadlines}). */
  readonly handshakeDeadlines: HandshakeDeadlines<Connection>;
}

/** The handshake deadlines of a gateway's connections: a connection still not open at its deadline is closed 1000. */
export function handshakeDeadlines(): HandshakeDeadlines<Connection> {
  return new HandshakeDeadlines(expireHandshake);
}

/**
 * One client socket: its state, identity, per-connection `seq`, in-flight requests, and every send,
 * with the backpressure rule applied in one place (droppable events are dropped, spending their
 * `seq`, when the socket is over `maxBufferedBytes`; anything else, or staying behind longer than
 * `slowConsumerTimeoutMs`, closes it 1008 "slow consumer").
 */
export class Connection {
  readonly connId: string;
  readonly socket: GatewaySocket;
  /**
   * The upgrade request; read by the handshake only, and replaced by an empty one once the
   * connection is authenticated, so an idle connection does not keep its request headers.
   */
  request: UpgradeRequest;
  readonly address: ClientAddress;
  readonly nonce: string;
  readonly openedAtMs = Date.now();
  state: ConnectionState = 'awaiting-connect';
  info: ConnectionInfo | undefined;
  /** Expanded scopes (implications applied), for allocation-free scope checks; shared, read-only. */
  scopeSet: ReadonlySet<string> = NO_SCOPES;
  unauthorizedStreak = 0;
  awaitingPongSince: number | undefined;
  /** The replay stream of a connection that opted in to resume (it then owns the `seq`). */
  replay: ReplayStream | undefined;
  /** Serial of the first broadcast this connection can receive (set when it is authenticated). */
  liveFromSerial = Number.POSITIVE_INFINITY;
  #seq = 0;
  #closing = false;
  /** When the first event of the current run of dropped events was dropped (undefined: not behind). */
  #behindSinceMs: number | undefined;
  /** Closes the socket if the handshake is not done in time; removed at `hello-ok` or close. */
  #handshakeDeadline: HandshakeDeadline<Connection> | undefined;
  /** Frames that arrived while `connect` was processed; created by the first one. */
  #pendingFrames: PendingFrames | undefined;
  /** Running handlers (aborted when the connection closes); created by the first call. */
  #inflight: Set<AbortableCall> | undefined;
  readonly #settings: ConnectionSettings;

  constructor(connId: string, socket: GatewaySocket, request: UpgradeRequest, address: ClientAddress, nonce: string, settings: ConnectionSettings) {
    this.connId = connId;
    this.socket = socket;
    this.request = request;
    this.address = address;
    this.nonce = nonce;
    this.#settings = settings;
  }

  /** The last `seq` sent on this connection (0 before the first sequenced event). */
  get lastSeq(): number {
    return this.replay?.buffer.lastSeq ?? this.#seq;
  }

  /** Whether the gateway started closing this connection (`close` or `terminate`), rather than the peer. */
  get closedByGateway(): boolean {
    return this.#closing;
  }

  /** Whether frames may still be sent. */
  get writable(): boolean {
    return !this.#closing && this.socket.isOpen;
  }

  /** Record who this is, after a successful handshake. */
  authenticate(info: ConnectionInfo): void {
    this.info = info;
    this.scopeSet = sharedScopeSet(info.scopes);
    this.state = 'open';
    this.request = RELEASED_REQUEST;
  }

  /** Whether this connection may receive an event guarded by `scope`. */
  canReceive(scope: string): boolean {
    if (this.state !== 'open' || this.info === undefined) return false;
    if (scope === 'everyone') return true;
    if (scope === 'node') return false;
    return this.info.role === 'operator' && this.scopeSet.has(scope);
  }

  /** Send a frame that must not be lost (responses, targeted events). Closes a slow consumer. */
  sendFrame(text: string): boolean {
    if (!this.writable) return false;
    if (this.socket.bufferedAmount > this.#settings.maxBufferedBytes) {
      this.#closeSlowConsumer();
      return false;
    }
    this.socket.send(text);
    return true;
  }

  /**
   * Answer a ping under the same rule as a response: while the send buffer is within
   * `maxBufferedBytes`, a pong; beyond it (a peer that pings but does not read), close 1008
   * "slow consumer". A burst of pings from a peer that reads is answered in full.
   */
  answerPing(data: Uint8Array): void {
    if (!this.writable) return;
    if (this.socket.bufferedAmount > this.#settings.maxBufferedBytes) {
      this.#closeSlowConsumer();
      return;
    }
    this.socket.pong(data);
  }

  sendResponse(id: string, ok: true, payload: unknown): boolean;
  sendResponse(id: string, ok: false, payload: undefined, error: ErrorShape): boolean;
  sendResponse(id: string, ok: boolean, payload: unknown, error?: ErrorShape): boolean {
    return this.sendFrame(responseFrame(id, ok, ok ? payload : error));
  }

  /** Send an unsequenced event (challenge, node-directed and targeted sends). */
  sendEvent(event: string, payload: unknown): boolean {
    return this.sendEventFrame(JSON.stringify({ type: 'event', event, payload }));
  }

  /** {@link sendEvent} of an event frame the caller serialized. */
  sendEventFrame(text: string): boolean {
    const sent = this.sendFrame(text);
    if (sent) this.#settings.counters.eventsSent += 1;
    return sent;
  }

  /**
   * Send a droppable targeted event frame, serialized once by the caller (`monitor.update`): skipped
   * while the send buffer is over `maxBufferedBytes`, and, as for a droppable broadcast, closing
   * 1008 "slow consumer" once the connection has stayed behind longer than `slowConsumerTimeoutMs`.
   */
  sendDroppableFrame(text: string): 'sent' | 'dropped' | 'closed' {
    if (!this.writable) return 'closed';
    if (this.socket.bufferedAmount > this.#settings.maxBufferedBytes) {
      if (this.#behindTooLong()) {
        this.#closeSlowConsumer();
        return 'closed';
      }
      this.#settings.counters.eventsDropped += 1;
      return 'dropped';
    }
    this.#behindSinceMs = undefined;
    this.socket.send(text);
    this.#settings.counters.eventsSent += 1;
    return 'sent';
  }

  /**
   * Send a broadcast serialized once by the caller. A droppable event skipped for a slow consumer
   * (send buffer over `maxBufferedBytes`) still spends its `seq`, so the client sees a gap, as in the
   * reference gateway; a connection that opted in to resume also records it, so it can repair the
   * gap. Anything else over the limit closes 1008 "slow consumer", and so does staying behind,
   * dropping events, for longer than `slowConsumerTimeoutMs`.
   */
  sendSequenced(broadcast: SerializedBroadcast, droppable: boolean): 'sent' | 'dropped' | 'closed' {
    const recordedSeq = this.replay?.record(broadcast);
    if (!this.writable) return 'closed';
    if (this.socket.bufferedAmount > this.#settings.maxBufferedBytes) {
      if (droppable && !this.#behindTooLong()) {
        if (recordedSeq === undefined) this.#seq += 1;
        this.#settings.counters.eventsDropped += 1;
        return 'dropped';
      }
      this.#closeSlowConsumer();
      return 'closed';
    }
    this.#behindSinceMs = undefined;
    // A transport that can write a ready WebSocket frame gets the one built for this `seq` (shared by
    // the recipients in a row that have the same `seq`): no framing or UTF-8 encoding per recipient.
    const seq = recordedSeq ?? ++this.#seq;
    if (this.socket.sendWebSocketFrame === undefined) this.socket.send(broadcast.frame(seq));
    else this.socket.sendWebSocketFrame(broadcast.wireFrame(seq), broadcast.frame(seq));
    this.#settings.counters.eventsSent += 1;
    return 'sent';
  }

  /**
   * Broadcasts this connection may have been eligible for were lost: spend a `seq` on them, so the
   * client sees a gap (and a resume of the lost part answers `overflow`).
   */
  skipLostSeq(): void {
    if (this.replay === undefined) this.#seq += 1;
    else this.replay.buffer.skipLost();
  }

  /** Whether this connection has been dropping events for longer than `slowConsumerTimeoutMs` (starts the clock at the first drop). */
  #behindTooLong(): boolean {
    const now = Date.now();
    if (this.#behindSinceMs === undefined) {
      this.#behindSinceMs = now;
      return false;
    }
    return now - this.#behindSinceMs > this.#settings.slowConsumerTimeoutMs;
  }

  /** Close 1008 "slow consumer" (once), and say so. */
  #closeSlowConsumer(): void {
    if (this.#closing) return;
    this.#settings.onSlowConsumer(this);
    this.close(CloseCodes.POLICY_VIOLATION, 'slow consumer');
  }

  /** Close with a code and reason (truncated to 120 bytes); later sends are ignored. */
  close(code: number, reason: string): void {
    if (this.#closing) return;
    this.#closing = true;
    this.socket.close(code, truncateCloseReason(reason));
  }

  /** Drop the connection at once (dead peer). */
  terminate(): void {
    this.#closing = true;
    this.socket.terminate();
  }

  /** Close the connection (1000) unless the handshake is done within `timeoutMs`. */
  startHandshakeTimer(timeoutMs: number): void {
    this.clearHandshakeTimer();
    this.#handshakeDeadline = this.#settings.handshakeDeadlines.add(this, timeoutMs);
  }

  /** Stop the handshake timer (the connection's deadline is forgotten). */
  clearHandshakeTimer(): void {
    if (this.#handshakeDeadline === undefined) return;
    this.#settings.handshakeDeadlines.remove(this.#handshakeDeadline);
    this.#handshakeDeadline = undefined;
  }

  /**
   * Queue a frame that arrived while `connect` was processed; `false` (nothing queued) when it would
   * take the queue over `maxBytes` (see {@link PendingFrames}).
   */
  queuePendingFrame(text: string, byteLength: number, maxBytes: number): boolean {
    return (this.#pendingFrames ??= new PendingFrames()).push(text, byteLength, maxBytes);
  }

  /** Take the queued frames, in arrival order, and let the queue go. */
  takePendingFrames(): readonly string[] {
    const frames = this.#pendingFrames?.drain() ?? NO_FRAMES;
    this.#pendingFrames = undefined;
    return frames;
  }

  /** Number of running handlers. */
  get inflightCount(): number {
    return this.#inflight?.size ?? 0;
  }

  /** A handler started. */
  addInflight(call: AbortableCall): void {
    (this.#inflight ??= new Set()).add(call);
  }

  /** A handler finished. */
  removeInflight(call: AbortableCall): void {
    this.#inflight?.delete(call);
  }

  /** Abort every running handler of this connection. */
  abortInflight(reason: string): void {
    if (this.#inflight === undefined) return;
    for (const call of this.#inflight) call.abort(new Error(reason));
    this.#inflight.clear();
  }
}

/**
 * A `res` frame's text: the envelope written around the serialized `id` and body (`payload` when
 * `ok`, else `error`), with no envelope object per answer. As with `JSON.stringify` of the object, a
 * body that serializes to nothing is left out.
 */
function responseFrame(id: string, ok: boolean, body: unknown): string {
  const json = JSON.stringify(body) as string | undefined;
  const head = `{"type":"res","id":${JSON.stringify(id)},"ok":${ok ? 'true' : 'false'}`;
  if (json === undefined) return `${head}}`;
  return ok ? `${head},"payload":${json}}` : `${head},"error":${json}}`;
}

/** A connection's handshake deadline passed. */
function expireHandshake(connection: Connection): void {
  if (connection.state !== 'open') connection.close(CloseCodes.NORMAL, '');
}
