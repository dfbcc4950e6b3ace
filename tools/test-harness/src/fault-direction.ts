import type { Socket } from 'node:net';

/** The faults a {@link FaultDirection} applies, shared by every connection of one proxy. */
export interface FaultSettings {
  /** Hold every byte (read, but not forwarded) until the stall ends. */
  stalled: boolean;
  /** Forward at most this many bytes per second; `undefined` for no limit. */
  bytesPerSecond: number | undefined;
  /** Split forwarded data into separate writes of at most this many bytes; `undefined` to keep chunks. */
  maxFragmentBytes: number | undefined;
  /**
   * A slow reader on the client side: the direction toward the client forwards at most this many
   * bytes per second and stops reading from the target while it holds more than
   * {@link slowReaderHeldBytes}, so the target meets TCP backpressure. `undefined` for none.
   */
  slowReaderBytesPerSecond: number | undefined;
}

/** Which way a {@link FaultDirection} forwards. */
export type DirectionName = 'toTarget' | 'toClient';

/** Counters of one proxy, updated by every direction of every connection. */
export interface FaultCounters {
  /** Bytes read and not yet forwarded. */
  heldBytes: number;
  /** Bytes forwarded. */
  forwardedBytes: number;
  /** Separate writes made (one per fragment when fragmenting). */
  writes: number;
}

/** How often a throttled direction forwards its next slice, in milliseconds. */
export const throttleTickMs = 10;

/** Bytes a slow-reader direction holds before it stops reading from the target. */
export const slowReaderHeldBytes = 16 * 1024;

/**
 * One direction of a proxied connection: reads from `from`, queues, and writes to `to` as the
 * settings allow (stalled, throttled, fragmented). Order is always kept.
 */
export class FaultDirection {
  readonly #from: Socket;
  readonly #to: Socket;
  readonly #name: DirectionName;
  readonly #settings: FaultSettings;
  readonly #counters: FaultCounters;
  readonly #onHeld: () => void;
  readonly #queue: Buffer[] = [];
  #queuedBytes = 0;
  #timer: NodeJS.Timeout | undefined;
  #ended = false;

  constructor(from: Socket, to: Socket, name: DirectionName, settings: FaultSettings, counters: FaultCounters, onHeld: () => void) {
    this.#from = from;
    this.#to = to;
    this.#name = name;
    this.#settings = settings;
    this.#counters = counters;
    this.#onHeld = onHeld;
    from.on('data', (chunk: Buffer) => {
      this.#queue.push(chunk);
      this.#queuedBytes += chunk.length;
      this.#counters.heldBytes += chunk.length;
      this.pump();
      if (this.#slowReader() !== undefined && this.#queuedBytes > slowReaderHeldBytes) from.pause();
      if (this.#queue.length > 0) this.#onHeld();
    });
    from.once('end', () => this.#endWhenFlushed());
  }

  /** Forward what the settings allow now (called again when a stall ends or a setting changes). */
  pump(): void {
    if (this.#to.destroyed || this.#settings.stalled) return;
    const bytesPerSecond = this.#rate();
    if (bytesPerSecond === undefined) {
      while (this.#queue.length > 0) this.#write(this.#queue.shift() as Buffer);
      this.#afterPump();
      return;
    }
    if (this.#timer !== undefined || this.#queue.length === 0) return;
    this.#timer = setInterval(() => this.#forwardSlice(Math.max(1, Math.floor((bytesPerSecond * throttleTickMs) / 1000))), throttleTickMs);
  }

  /** Stop timers (the connection is gone). */
  dispose(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const chunk of this.#queue) this.#counters.heldBytes -= chunk.length;
    this.#queue.length = 0;
    this.#queuedBytes = 0;
  }

  #forwardSlice(allowance: number): void {
    if (this.#settings.stalled || this.#rate() === undefined || this.#to.destroyed) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      this.pump();
      return;
    }
    let left = allowance;
    while (left > 0 && this.#queue.length > 0) {
      const head = this.#queue[0] as Buffer;
      const slice = head.subarray(0, left);
      if (slice.length === head.length) this.#queue.shift();
      else this.#queue[0] = head.subarray(left);
      this.#write(slice);
      left -= slice.length;
    }
    if (this.#queue.length === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      this.#afterPump();
    }
  }

  #write(chunk: Buffer): void {
    const step = this.#settings.maxFragmentBytes ?? chunk.length;
    for (let start = 0; start < chunk.length; start += step) {
      this.#to.write(chunk.subarray(start, start + step));
      this.#counters.writes++;
    }
    this.#queuedBytes -= chunk.length;
    this.#counters.heldBytes -= chunk.length;
    this.#counters.forwardedBytes += chunk.length;
    if (this.#queuedBytes <= slowReaderHeldBytes && this.#from.isPaused()) this.#from.resume();
  }

  /** The slow-reader rate, when it applies to this direction. */
  #slowReader(): number | undefined {
    return this.#name === 'toClient' ? this.#settings.slowReaderBytesPerSecond : undefined;
  }

  /** The rate limit of this direction: the proxy-wide throttle, else the slow reader's. */
  #rate(): number | undefined {
    return this.#settings.bytesPerSecond ?? this.#slowReader();
  }

  #endWhenFlushed(): void {
    this.#ended = true;
    this.#afterPump();
  }

  #afterPump(): void {
    if (this.#ended && this.#queue.length === 0 && !this.#to.destroyed) this.#to.end();
  }
}
