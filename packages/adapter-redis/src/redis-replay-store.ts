import type { EventFrame, ResumeFailureReason, ResumeResult } from '@gatewire/protocol';
import {
  InMemoryReplayStore,
  ownsStream,
  SerializedBroadcast,
  type RemoteResumeRequest,
  type ReplayStream,
  type BroadcastMessage,
  type ResolvedResumeOptions,
  type StreamOwner,
} from '@gatewire/server';
import type { ClusterKeys } from './keys';
import { offsetOfStreamId, parseLogEntry } from './log-entry';
import type { RedisConnection } from './redis-connection';

/** What the store needs from the adapter. */
export interface ReplayStoreHost {
  readonly client: RedisConnection;
  readonly keys: ClusterKeys;
  readonly gatewayId: string;
  /** The current log epoch. */
  epoch(): string | undefined;
}

/** Entries fetched per XRANGE call while rebuilding a stream. */
const REBUILD_BATCH = 1_000;
/** Time a resume record outlives its last refresh, beyond the retention window, ms. */
const RECORD_MARGIN_MS = 10_000;

function failed(reason: ResumeFailureReason): ResumeResult {
  return { recovered: false, reason };
}

/**
 * Replay streams in this process (the fast path: in memory, as with one gateway), plus a record in
 * Redis for each opted-in connection (owner, gateway, epoch, first offset), so another gateway can
 * rebuild the stream from the cluster log when the connection comes back there, whether the old
 * gateway is alive or not. The record is refreshed while the connection is open and expires
 * `retentionMs` after it closed (or its gateway died).
 */
export class RedisReplayStore extends InMemoryReplayStore {
  readonly #host: ReplayStoreHost;
  readonly #options: ResolvedResumeOptions;
  readonly #open = new Set<string>();

  constructor(options: ResolvedResumeOptions, host: ReplayStoreHost) {
    super(options);
    this.#options = options;
    this.#host = host;
  }

  override open(owner: StreamOwner, liveFromSerial: number, opening: readonly BroadcastMessage[] = []): ReplayStream {
    const stream = super.open(owner, liveFromSerial);
    this.#open.add(owner.connId);
    const record = {
      owner: JSON.stringify({ connId: owner.connId, role: owner.role, scopes: owner.scopes, deviceId: owner.deviceId, authMethod: owner.authMethod, user: owner.user }),
      gw: this.#host.gatewayId,
      epoch: this.#host.epoch() ?? '',
      from: String(liveFromSerial),
      // The events sent before the live stream (the health after hello-ok): they take the first seqs.
      opening: JSON.stringify(opening),
    };
    const key = this.#recordKey(owner.connId);
    this.#host.client
      .multi()
      .hSet(key, record)
      .pExpire(key, this.#ttlMs())
      .exec()
      .catch(() => {});
    return stream;
  }

  override detach(stream: ReplayStream, nowMs: number): void {
    super.detach(stream, nowMs);
    this.#open.delete(stream.connId);
  }

  /** The client closed normally and will not resume: forget the stream here and its record in Redis. */
  override discard(stream: ReplayStream): void {
    super.discard(stream);
    this.#open.delete(stream.connId);
    this.#host.client.del(this.#recordKey(stream.connId)).catch(() => {});
  }

  override clear(): void {
    super.clear();
    this.#open.clear();
  }

  /** Keep the records of open connections alive (called every renew interval). */
  refresh(): void {
    if (this.#open.size === 0) return;
    const batch = this.#host.client.multi();
    for (const connId of this.#open) batch.pExpire(this.#recordKey(connId), this.#ttlMs());
    batch.exec().catch(() => {});
  }

  async resumeElsewhere(request: RemoteResumeRequest): Promise<ResumeResult | undefined> {
    const record = await this.#host.client.hGetAll(this.#recordKey(request.previousConnId));
    if (record['owner'] === undefined || record['gw'] === undefined || record['from'] === undefined) return undefined;
    if (record['epoch'] !== this.#host.epoch()) return failed('expired');
    const owner = JSON.parse(record['owner']) as StreamOwner;
    if (!ownsStream(owner, request.caller, request.callerScopes)) return failed('not-owner');
    const claimKey = `${this.#recordKey(request.previousConnId)}:claim`;
    await this.#host.client.set(claimKey, String(request.beforeSerial), { condition: 'NX', expiration: { type: 'PX', value: this.#options.retentionMs } });
    const cutoff = Number((await this.#host.client.get(claimKey)) ?? request.beforeSerial);
    const opening = JSON.parse(record['opening'] ?? '[]') as BroadcastMessage[];
    return this.#rebuild(owner, record['gw'], Number(record['from']), cutoff, request.lastSeq, opening);
  }

  /**
   * Number the `opening` events, then the owner's eligible log entries from `from` up to (not
   * including) `cutoff`, as the stream's gateway numbered them, and return those after `lastSeq`.
   */
  async #rebuild(owner: StreamOwner, ownerGateway: string, from: number, cutoff: number, lastSeq: number, opening: readonly BroadcastMessage[]): Promise<ResumeResult> {
    const guard = (scope: string) => scope === 'everyone' || (scope !== 'node' && owner.role === 'operator' && owner.scopes.includes(scope));
    const frames: string[] = [];
    let seq = 0;
    for (const message of opening) {
      seq += 1;
      if (seq > lastSeq) frames.push(new SerializedBroadcast(from - 1, message).frame(seq));
    }
    let expected = from;
    while (expected < cutoff) {
      const entries = (await this.#host.client.xRange(this.#host.keys.log, `${expected}-0`, `${cutoff - 1}-0`, { COUNT: REBUILD_BATCH })) ?? [];
      if (entries.length === 0) break;
      for (const item of entries) {
        const offset = offsetOfStreamId(item.id);
        if (offset !== expected) return failed('overflow');
        expected = offset + 1;
        const entry = parseLogEntry(String(item.message['m'] ?? ''));
        if (entry?.k !== 'b' || !guard(entry.m.scope)) continue;
        if (entry.m.gatewayId !== undefined && entry.m.gatewayId !== ownerGateway) continue;
        seq += 1;
        if (seq > lastSeq) frames.push(new SerializedBroadcast(offset, entry.m).frame(seq));
        if (frames.length > this.#options.maxEvents) return failed('overflow');
      }
    }
    if (lastSeq > seq) return failed('invalid-seq');
    return { recovered: true, replayed: frames.length, events: frames.map((frame) => JSON.parse(frame) as EventFrame) };
  }

  #recordKey(connId: string): string {
    return `${this.#host.keys.gatewayPrefix}resume:${connId}`;
  }

  #ttlMs(): number {
    return this.#options.retentionMs + RECORD_MARGIN_MS;
  }
}
