import type { ResumeResult } from '@gatewire/protocol';
import type { BroadcastMessage } from '../cluster/adapter';
import type { SerializedBroadcast } from '../events/serialized-broadcast';
import type { ResolvedResumeOptions } from './resume-options';
import type { ReplayBufferLimits } from './replay-buffer';
import { ReplayStream, type StreamOwner } from './replay-stream';

/** What {@link ReplayStore.find} knows about a connection id. */
export type StreamLookup = ReplayStream | 'expired' | undefined;

/** A `gateway.resume` of a connection this process does not know, for {@link ReplayStore.resumeElsewhere}. */
export interface RemoteResumeRequest {
  /** Who asks (checked against the stream's owner with `ownsStream`). */
  readonly caller: StreamOwner;
  /** The caller's expanded scopes. */
  readonly callerScopes: ReadonlySet<string>;
  readonly previousConnId: string;
  readonly lastSeq: number;
  /** Replays end before this broadcast serial (where the caller's, or its successor's, live stream began). */
  readonly beforeSerial: number;
}

/**
 * Where the replay streams of opted-in connections live, from the connection's start until the
 * retention window after its close. Created by the gateway adapter (`createReplayStore`), so a
 * multi-node adapter can hold streams where every process reaches them; {@link InMemoryReplayStore}
 * serves one process. Recording stays synchronous: it is on the broadcast path.
 */
export interface ReplayStore {
  /**
   * Start the stream of an opted-in connection that receives broadcasts from `liveFromSerial` on.
   * `opening`: the events sent to this connection alone before its live stream (the `health` right
   * after `hello-ok`); they take its first `seq`s. The connection records them in the stream itself;
   * a store that rebuilds streams elsewhere (another gateway) keeps them to number the stream alike.
   */
  open(owner: StreamOwner, liveFromSerial: number, opening?: readonly BroadcastMessage[]): ReplayStream;
  /** The stream of a connection id, `"expired"` when its retention window passed, else `undefined`. */
  find(connId: string, nowMs: number): StreamLookup;
  /** The connection closed: keep collecting what it would have received, for the retention window. */
  detach(stream: ReplayStream, nowMs: number): void;
  /**
   * The client closed its connection normally (close code 1000, started by the client): it ends its
   * session and will not resume, so the stream is forgotten at once instead of being kept for the
   * retention window (a later `gateway.resume` for it answers `unknown-connection`). Optional: a store
   * without it keeps such streams like any other ({@link detach}).
   */
  discard?(stream: ReplayStream): void;
  /** Another connection resumed this stream: stop collecting; replays end before `beforeSerial`. */
  claim(stream: ReplayStream, beforeSerial: number): void;
  /** Record a broadcast in every detached stream whose guard admits `scope`. */
  recordDetached(broadcast: SerializedBroadcast, scope: string): void;
  /** Broadcasts were lost: every stream still collecting skips a `seq` (see `ReplayBuffer.skipLost`). */
  skipLost?(): void;
  /**
   * Resume a stream that lived on another gateway (a network lookup, so asynchronous); `undefined`
   * when no gateway knows the connection. Optional: the local lookup ({@link find}) stays the
   * synchronous fast path and is always tried first.
   */
  resumeElsewhere?(request: RemoteResumeRequest): Promise<ResumeResult | undefined>;
  /** Drop streams whose retention window passed. */
  sweep(nowMs: number): void;
  /** Drop everything (gateway close). */
  clear(): void;
}

/** Expired connection ids remembered (to answer `expired` rather than `unknown-connection`), at most. */
const MAX_TOMBSTONES = 10_000;

/** The single-process {@link ReplayStore}: plain maps, no timer (expiry is checked on use and by `sweep`). */
export class InMemoryReplayStore implements ReplayStore {
  readonly #options: ResolvedResumeOptions;
  /** Every stream's bounds: live streams too keep no event older than the retention window. */
  readonly #limits: ReplayBufferLimits;
  readonly #streams = new Map<string, ReplayStream>();
  /** Detached, unclaimed streams: the ones still collecting broadcasts. */
  readonly #collecting = new Set<ReplayStream>();
  /** connId → when it expired. */
  readonly #tombstones = new Map<string, number>();

  constructor(options: ResolvedResumeOptions) {
    this.#options = options;
    this.#limits = { maxEvents: options.maxEvents, maxBytes: options.maxBytes, maxAgeMs: options.retentionMs };
  }

  /** Streams held (live and detached), for tests and metrics. */
  get size(): number {
    return this.#streams.size;
  }

  open(owner: StreamOwner, liveFromSerial: number): ReplayStream {
    const stream = new ReplayStream(owner, liveFromSerial, this.#limits);
    this.#streams.set(owner.connId, stream);
    return stream;
  }

  find(connId: string, nowMs: number): StreamLookup {
    const stream = this.#streams.get(connId);
    if (stream !== undefined && this.#expired(stream, nowMs)) this.#expire(stream, nowMs);
    else if (stream !== undefined) return stream;
    return this.#tombstones.has(connId) ? 'expired' : undefined;
  }

  detach(stream: ReplayStream, nowMs: number): void {
    if (this.#streams.get(stream.connId) !== stream || stream.detachedAtMs !== undefined) return;
    stream.detachedAtMs = nowMs;
    if (stream.claimedBeforeSerial === undefined) this.#collecting.add(stream);
  }

  discard(stream: ReplayStream): void {
    if (this.#streams.get(stream.connId) !== stream) return;
    this.#streams.delete(stream.connId);
    this.#collecting.delete(stream);
    stream.buffer.clear();
  }

  claim(stream: ReplayStream, beforeSerial: number): void {
    stream.claimedBeforeSerial ??= beforeSerial;
    this.#collecting.delete(stream);
  }

  recordDetached(broadcast: SerializedBroadcast, scope: string): void {
    if (this.#collecting.size === 0) return;
    const nowMs = Date.now();
    for (const stream of this.#collecting) {
      if (this.#expired(stream, nowMs)) this.#expire(stream, nowMs);
      else if (stream.canReceive(scope)) stream.record(broadcast);
    }
  }

  skipLost(): void {
    for (const stream of this.#collecting) stream.buffer.skipLost();
  }

  sweep(nowMs: number): void {
    for (const stream of this.#streams.values()) if (this.#expired(stream, nowMs)) this.#expire(stream, nowMs);
    for (const [connId, expiredAtMs] of this.#tombstones) {
      if (nowMs - expiredAtMs < this.#options.retentionMs) break;
      this.#tombstones.delete(connId);
    }
  }

  clear(): void {
    this.#streams.clear();
    this.#collecting.clear();
    this.#tombstones.clear();
  }

  #expired(stream: ReplayStream, nowMs: number): boolean {
    return stream.detachedAtMs !== undefined && nowMs - stream.detachedAtMs >= this.#options.retentionMs;
  }

  #expire(stream: ReplayStream, nowMs: number): void {
    this.#streams.delete(stream.connId);
    this.#collecting.delete(stream);
    stream.buffer.clear();
    this.#tombstones.set(stream.connId, nowMs);
    if (this.#tombstones.size > MAX_TOMBSTONES) {
      const oldest = this.#tombstones.keys().next();
      if (oldest.done !== true) this.#tombstones.delete(oldest.value);
    }
  }
}
