import type { BroadcastMessage } from '../cluster/adapter';
import { encodeServerTextFrame } from '../transport/websocket-frame';
import { healthJson, stateVersionJson } from './state-json';

/** Extra bytes counted per recorded event on top of its prefix: the `seq` digits, `}` and a separator. */
const SEQ_OVERHEAD_BYTES = 18;

/**
 * One broadcast, numbered in the order this process delivered it (`serial`) and serialized at most
 * once, up to and including `"seq":`, so each recipient costs one string concatenation with its own
 * `seq`. Replay buffers keep a reference to this object, not a per-recipient copy.
 */
export class SerializedBroadcast {
  /** Delivery order in this process (1, 2, …): where a connection's live stream begins. */
  readonly serial: number;
  /** When it was broadcast (ms since the epoch): replay buffers evict events by age. */
  readonly createdAtMs: number;
  #message: BroadcastMessage | undefined;
  #prefix: string | undefined;
  #byteLength = -1;
  /** The last frame built and its `seq`: recipients in a row usually share a `seq` (see {@link frame}). */
  #lastSeq = -1;
  #lastFrame = '';
  #lastWireFrame: Buffer | undefined;

  constructor(serial: number, message: BroadcastMessage, createdAtMs = Date.now()) {
    this.serial = serial;
    this.createdAtMs = createdAtMs;
    this.#message = message;
  }

  /** The frame without its `seq` value and closing brace: `{…,"seq":`. Built on first use. */
  get prefix(): string {
    if (this.#prefix === undefined) {
      this.#prefix = serializeBroadcast(this.#message as BroadcastMessage);
      this.#message = undefined;
    }
    return this.#prefix;
  }

  /** Approximate size of one recorded frame, bytes (for the replay byte bound). */
  get byteLength(): number {
    if (this.#byteLength < 0) this.#byteLength = Buffer.byteLength(this.prefix) + SEQ_OVERHEAD_BYTES;
    return this.#byteLength;
  }

  /**
   * The complete frame text for `seq`. Connections that have received the same events so far (most
   * of them, in connect order) share a `seq`, so the last frame is reused: one string for a run of
   * recipients instead of a concatenation (and its flattening on write) per recipient.
   */
  frame(seq: number): string {
    if (seq !== this.#lastSeq) {
      this.#lastFrame = `${this.prefix}${seq}}`;
      this.#lastWireFrame = undefined;
      this.#lastSeq = seq;
    }
    return this.#lastFrame;
  }

  /**
   * {@link frame} as a complete WebSocket text frame (header and UTF-8 payload), built once for a run
   * of recipients with the same `seq` and written as is to each of them.
   */
  wireFrame(seq: number): Buffer {
    const text = this.frame(seq);
    this.#lastWireFrame ??= encodeServerTextFrame(text);
    return this.#lastWireFrame;
  }

  /** Drop the reused frame (after delivery), so a replay buffer holding this broadcast keeps only the prefix. */
  releaseFrame(): void {
    this.#lastSeq = -1;
    this.#lastFrame = '';
    this.#lastWireFrame = undefined;
  }
}

/**
 * Serialize a broadcast once, up to and including `"seq":`: exactly what `JSON.stringify` makes of
 * `{ type: 'event', event, payload, stateVersion?, seq }` without its `seq` value and closing brace,
 * written around the serialized parts (no frame object, no cut of the finished text); the
 * gateway's own health and the state version field by field (`state-json.ts`).
 */
export function serializeBroadcast(message: BroadcastMessage): string {
  const payload = (message.event === 'health' ? healthJson(message.payload) : undefined) ?? (JSON.stringify(message.payload) as string | undefined);
  const stateVersion = message.stateVersion === undefined ? undefined : (stateVersionJson(message.stateVersion) ?? (JSON.stringify(message.stateVersion) as string | undefined));
  return `{"type":"event","event":${eventNameJson(message.event)}${payload === undefined ? '' : `,"payload":${payload}`}${stateVersion === undefined ? '' : `,"stateVersion":${stateVersion}`},"seq":`;
}

/** The event name serialized last and its JSON: broadcasts in a row are mostly of one event. */
let lastEventName: { readonly name: string; readonly json: string } = { name: '', json: '""' };

/** `JSON.stringify(name)`, kept for the next broadcast of the same event. */
function eventNameJson(name: string): string {
  if (name !== lastEventName.name) lastEventName = { name, json: JSON.stringify(name) };
  return lastEventName.json;
}
