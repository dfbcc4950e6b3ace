import type { EventFrame, ResumeParams, ResumeResult } from '@gatewire/protocol/lite';
import type { GapContext } from '../events';
import { SequenceTracker } from '../sequence-tracker';
import type { ResyncContext, ResyncReason } from './resync';
import { toError } from '../to-error';

/** What {@link EventDelivery} needs from the client. */
export interface EventDeliveryHost {
  /** Hand one event to the application (lifecycle `event` and `onEvent` listeners). Kept detached: a function, not a method. */
  readonly deliver: (frame: EventFrame) => void;
  /** A `seq` gap that cannot be repaired (the gateway does not offer resume). */
  gap(context: GapContext): void;
  resync(context: ResyncContext): void;
  /** Call `gateway.resume` on the current connection. */
  resume(params: ResumeParams): Promise<ResumeResult>;
}

/** A previous connection whose stream still has to be recovered, and the last `seq` delivered from it. */
interface PendingStream {
  readonly connId: string;
  lastSeq: number;
}

/** Previous connections kept waiting for recovery at most (a flapping link); more means a resync. */
const MAX_PENDING_STREAMS = 8;

/**
 * Delivers gateway events to the application exactly once and in order across reconnects.
 *
 * On a resumable connection (both sides speak `gatewire.resume.v1`) every sequenced event goes
 * through here: while previous connections are being recovered, or while a gap in the current one is
 * being repaired, live sequenced events are held; the replayed events are delivered first (skipping
 * any `seq` already delivered), then the held ones. When recovery fails, `resync` is emitted and the
 * held events are delivered. On other connections, events pass straight through and a gap is
 * reported with `gap`, as before.
 */
export class EventDelivery {
  readonly #host: EventDeliveryHost;
  /** `host.deliver`, kept itself: one object fewer per event on the hottest path. */
  readonly #deliver: (frame: EventFrame) => void;
  readonly #tracker = new SequenceTracker();
  readonly #pending: PendingStream[] = [];
  #connId: string | undefined;
  #resumable = false;
  /** The last contiguous `seq` delivered from the current connection. */
  #delivered = 0;
  #holding = false;
  #held: EventFrame[] = [];
  /** Bumped on every connect and disconnect: answers for an older connection are ignored. */
  #generation = 0;
  #lostReason: ResyncReason | undefined;

  constructor(host: EventDeliveryHost) {
    this.#host = host;
    this.#deliver = host.deliver;
  }

  /** A handshake completed. Starts recovering the previous connections when this one is resumable. */
  connected(connId: string, resumable: boolean): void {
    this.#generation += 1;
    this.#connId = connId;
    this.#resumable = resumable;
    this.#delivered = 0;
    this.#held = [];
    this.#holding = false;
    this.#tracker.reset();
    if (this.#lostReason !== undefined) {
      this.#host.resync({ reason: this.#lostReason, connId: undefined });
      this.#lostReason = undefined;
    }
    if (this.#pending.length === 0) return;
    if (!resumable) {
      this.#fail('not-enabled', this.#pending[0]?.connId);
      return;
    }
    this.#holding = true;
    void this.#recoverPrevious(this.#generation);
  }

  /** The connection ended: remember its stream for the next connection; held events are replayed from it. */
  disconnected(): void {
    this.#generation += 1;
    if (this.#resumable && this.#connId !== undefined) {
      this.#pending.push({ connId: this.#connId, lastSeq: this.#delivered });
      if (this.#pending.length > MAX_PENDING_STREAMS) {
        this.#pending.length = 0;
        this.#lostReason = 'too-many-reconnects';
      }
    }
    this.#connId = undefined;
    this.#resumable = false;
    this.#held = [];
    this.#holding = false;
  }

  /** The client stopped: nothing is carried over to a later `connect()`. */
  reset(): void {
    // Not resumable any more: `disconnected` keeps no stream (that would only be dropped here).
    this.#resumable = false;
    this.disconnected();
    this.#pending.length = 0;
    this.#lostReason = undefined;
  }

  /** One event of the current connection. */
  receive(frame: EventFrame): void {
    const seq = frame.seq;
    // The common case first: a resumable stream, nothing held, the next `seq` in order.
    if (this.#resumable && !this.#holding && seq === this.#delivered + 1) {
      this.#delivered = seq;
      this.#deliver(frame);
    } else if (seq === undefined) {
      this.#deliver(frame);
    } else if (!this.#resumable) {
      const gap = this.#tracker.observe(seq);
      if (gap !== undefined) this.#host.gap(gap);
      this.#deliver(frame);
    } else if (this.#holding) {
      this.#held.push(frame);
    } else {
      this.#accept(frame, seq);
    }
  }

  #accept(frame: EventFrame, seq: number): void {
    if (seq <= this.#delivered) return;
    if (seq === this.#delivered + 1) {
      this.#delivered = seq;
      this.#deliver(frame);
      return;
    }
    this.#holding = true;
    this.#held.push(frame);
    void this.#repairGap(this.#generation);
  }

  async #recoverPrevious(generation: number): Promise<void> {
    while (this.#pending.length > 0) {
      const stream = this.#pending[0] as PendingStream;
      const outcome = await this.#resume(stream.connId, stream.lastSeq, this.#pending[1]?.connId);
      if (generation !== this.#generation) return;
      if (!outcome.recovered) return this.#fail(outcome.reason, stream.connId, errorOf(outcome));
      for (const frame of outcome.events) {
        if (frame.seq === undefined || frame.seq <= stream.lastSeq) continue;
        stream.lastSeq = frame.seq;
        this.#deliver(frame);
        if (generation !== this.#generation) return;
      }
      this.#pending.shift();
    }
    this.#release();
  }

  async #repairGap(generation: number): Promise<void> {
    const connId = this.#connId as string;
    const outcome = await this.#resume(connId, this.#delivered);
    if (generation !== this.#generation) return;
    if (outcome.recovered) {
      for (const frame of outcome.events) {
        if (frame.seq !== this.#delivered + 1) continue;
        this.#delivered = frame.seq;
        this.#deliver(frame);
        if (generation !== this.#generation) return;
      }
    }
    const firstHeld = this.#held[0]?.seq ?? 0;
    if (this.#delivered + 1 < firstHeld) {
      const error = errorOf(outcome);
      this.#host.resync({ reason: outcome.recovered ? 'incomplete' : outcome.reason, connId, ...(error === undefined ? {} : { error }) });
      this.#delivered = firstHeld - 1;
    }
    this.#release();
  }

  /** Deliver the held events; stops holding again at the next gap. */
  #release(): void {
    this.#holding = false;
    const held = this.#held;
    this.#held = [];
    for (const frame of held) {
      if (this.#holding) this.#held.push(frame);
      else this.#accept(frame, frame.seq as number);
    }
  }

  /** Recovery failed: say so, forget the previous streams and deliver what is held. */
  #fail(reason: ResyncReason, connId: string | undefined, error?: Error): void {
    this.#pending.length = 0;
    this.#host.resync({ reason, connId, ...(error === undefined ? {} : { error }) });
    this.#release();
  }

  async #resume(connId: string, lastSeq: number, nextConnId?: string): Promise<ResumeOutcome> {
    try {
      return await this.#host.resume(nextConnId === undefined ? { previousConnId: connId, lastSeq } : { previousConnId: connId, lastSeq, nextConnId });
    } catch (error) {
      return { recovered: false, reason: 'request-failed', error: toError(error) };
    }
  }
}

/** A `gateway.resume` answer, or the failure of the call itself. */
type ResumeOutcome = ResumeResult | { recovered: false; reason: 'request-failed'; error: Error };

function errorOf(outcome: ResumeOutcome): Error | undefined {
  return 'error' in outcome ? outcome.error : undefined;
}
