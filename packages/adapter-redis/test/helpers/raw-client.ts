import { WebSocket } from 'ws';

/** A frame as received (parsed JSON). */
export type Frame = Record<string, unknown> & { type?: string; id?: string; event?: string; seq?: number; ok?: boolean };

/** A raw-frame WebSocket client: sends frames and awaits frames, with no protocol logic of its own. */
export class RawClient {
  readonly ws: WebSocket;
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Every frame received, in order. */
  readonly received: Frame[] = [];
  readonly #unclaimed: Frame[] = [];
  readonly #waiters: Array<{ predicate: (frame: Frame) => boolean; resolve: (frame: Frame) => void }> = [];
  #nextId = 0;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.received.push(frame);
      const index = this.#waiters.findIndex((waiter) => waiter.predicate(frame));
      if (index >= 0) this.#waiters.splice(index, 1)[0]?.resolve(frame);
      else this.#unclaimed.push(frame);
    });
  }

  static open(url: string): Promise<RawClient> {
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new RawClient(ws)));
      ws.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** The next frame (already received or future) that matches. */
  nextMatching(predicate: (frame: Frame) => boolean): Promise<Frame> {
    const index = this.#unclaimed.findIndex(predicate);
    if (index >= 0) return Promise.resolve(this.#unclaimed.splice(index, 1)[0] as Frame);
    return new Promise((resolve) => this.#waiters.push({ predicate, resolve }));
  }

  nextEvent(name: string): Promise<Frame> {
    return this.nextMatching((frame) => frame.type === 'event' && frame.event === name);
  }

  async request(method: string, params?: unknown): Promise<Frame> {
    const id = `r${(this.#nextId += 1)}`;
    this.send({ type: 'req', id, method, ...(params === undefined ? {} : { params }) });
    return this.nextMatching((frame) => frame.type === 'res' && frame.id === id);
  }

  close(): void {
    this.ws.close();
  }
}
