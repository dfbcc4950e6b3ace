import WebSocket from 'ws';
import { isEventFrame, isResponseFrame, type ErrorShape, type EventFrame, type ResponseFrame } from '@gatewire/protocol';

/** A minimal frame-level session for diagnostics: it exposes every step instead of hiding them. */
export class GatewaySession {
  private readonly frames: unknown[] = [];
  private waiter: (() => void) | undefined;
  private closed: { code: number; reason: string } | undefined;
  private nextId = 1;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      try {
        this.frames.push(JSON.parse(data.toString()));
      } catch {
        this.frames.push(undefined);
      }
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  /** Open the WebSocket. Rejects with an {@link UpgradeRefused} when the HTTP upgrade is answered with an error. */
  static open(url: string, options: { timeoutMs: number; insecureTls: boolean; ca?: string | undefined }): Promise<GatewaySession> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { handshakeTimeout: options.timeoutMs, rejectUnauthorized: !options.insecureTls, perMessageDeflate: false, ...(options.ca === undefined ? {} : { ca: options.ca }) });
      const session = new GatewaySession(socket);
      socket.once('open', () => resolve(session));
      socket.once('unexpected-response', (_request, response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk.slice(0, 2000)));
        response.on('end', () => {
          socket.terminate();
          reject(new UpgradeRefused(response.statusCode ?? 0, body, response.headers['retry-after']));
        });
      });
      socket.once('error', (error) => reject(error));
    });
  }

  /** The next frame, or `undefined` if the socket closed or `timeoutMs` passed. */
  async next(timeoutMs: number): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0) {
      if (this.closed !== undefined) return undefined;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.frames.shift();
  }

  /** The next event with this name (other frames are skipped). */
  async nextEvent(name: string, timeoutMs: number): Promise<EventFrame | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = await this.next(deadline - Date.now());
      if (frame === undefined) return undefined;
      if (isEventFrame(frame) && frame.event === name) return frame;
    }
  }

  /** Send a request and wait for its final response. */
  async request(method: string, params: unknown, timeoutMs: number): Promise<ResponseFrame | undefined> {
    const id = `doctor-${this.nextId++}`;
    this.socket.send(JSON.stringify({ type: 'req', id, method, params }));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = await this.next(deadline - Date.now());
      if (frame === undefined) return undefined;
      if (isResponseFrame(frame) && frame.id === id) {
        const payload = frame.payload as { status?: unknown } | undefined;
        if (frame.ok && payload?.status === 'accepted') continue;
        return frame;
      }
    }
  }

  /** How the socket closed, if it did. */
  get closeInfo(): { code: number; reason: string } | undefined {
    return this.closed;
  }

  close(): void {
    this.socket.terminate();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}

/** The HTTP upgrade was answered with an error status. */
export class UpgradeRefused extends Error {
  override readonly name = 'UpgradeRefused';
  constructor(
    readonly statusCode: number,
    readonly body: string,
    readonly retryAfter: string | undefined,
  ) {
    super(`upgrade refused with HTTP ${statusCode}`);
  }
}

/** The `details.code` of an error, if any. */
export function detailCode(error: ErrorShape | undefined): string | undefined {
  const details = error?.details;
  return typeof details === 'object' && details !== null && typeof (details as { code?: unknown }).code === 'string' ? (details as { code: string }).code : undefined;
}
