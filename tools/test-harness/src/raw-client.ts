import { WebSocket, type ClientOptions } from 'ws';

/** A frame as received (parsed JSON). */
export type Frame = Record<string, unknown> & { type?: string; id?: string; event?: string; seq?: number; ok?: boolean };

function parseIncoming(text: string): Frame {
  try {
    return JSON.parse(text) as Frame;
  } catch {
    return { type: 'text', text };
  }
}

/** How a socket closed. */
export interface CloseInfo {
  code: number;
  reason: string;
}

/** Options of {@link RawClient.open}. */
export interface RawClientOptions {
  headers?: Record<string, string>;
  origin?: string;
  /** Answer pings automatically. @default true */
  autoPong?: boolean;
  /** TLS: certificate authority to trust. */
  ca?: string | Buffer;
}

/**
 * A raw-frame test client: sends hand-built (and broken) frames and awaits the next frame or the
 * close, without any protocol logic of its own. The server's and the cluster's tests share it.
 */
export class RawClient {
  readonly ws: WebSocket;
  readonly closed: Promise<CloseInfo>;
  /** Every frame received, in order (read or not). */
  readonly received: Frame[] = [];
  readonly #frames: Frame[] = [];
  readonly #waiters: Array<{ predicate: (frame: Frame) => boolean; resolve: (frame: Frame) => void }> = [];
  #nextId = 0;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
    ws.on('message', (data) => {
      const frame = parseIncoming(data.toString());
      this.received.push(frame);
      const index = this.#waiters.findIndex((waiter) => waiter.predicate(frame));
      if (index >= 0) this.#waiters.splice(index, 1)[0]?.resolve(frame);
      else this.#frames.push(frame);
    });
  }

  /** Open a socket; rejects with the HTTP status when the upgrade is refused. */
  static open(url: string, options: RawClientOptions = {}): Promise<RawClient> {
    const wsOptions: ClientOptions = {
      autoPong: options.autoPong ?? true,
      ...(options.headers === undefined ? {} : { headers: options.headers }),
      ...(options.origin === undefined ? {} : { origin: options.origin }),
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    };
    const ws = new WebSocket(url, wsOptions);
    const client = new RawClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => reject(Object.assign(new Error(`HTTP ${response.statusCode}`), { status: response.statusCode, body, headers: response.headers })));
      });
      ws.once('error', reject);
    });
  }

  /** Send a frame (objects are JSON-encoded; strings are sent as they are). */
  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next frame. */
  next(): Promise<Frame> {
    return this.nextMatching(() => true);
  }

  /** The first frame matching `predicate`; frames that do not match stay buffered for later reads. */
  nextMatching(predicate: (frame: Frame) => boolean): Promise<Frame> {
    const index = this.#frames.findIndex(predicate);
    if (index >= 0) return Promise.resolve(this.#frames.splice(index, 1)[0] as Frame);
    return new Promise((resolve) => this.#waiters.push({ predicate, resolve }));
  }

  /** The next event named `name`. */
  nextEvent(name: string): Promise<Frame> {
    return this.nextMatching((frame) => frame.type === 'event' && frame.event === name);
  }

  /** Send a request and await its (final or first) response. */
  async request(method: string, params?: unknown, id = `r${(this.#nextId += 1)}`): Promise<Frame> {
    this.send({ type: 'req', id, method, ...(params === undefined ? {} : { params }) });
    return this.nextMatching((frame) => frame.type === 'res' && frame.id === id);
  }

  /** Frames received but not yet read. */
  get buffered(): readonly Frame[] {
    return this.#frames;
  }

  /** Drop the connection at once (no close handshake); idempotent. */
  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }
}
