/**
 * The raw-ws baseline as a browser client (bundled for the size comparison only): global
 * `WebSocket`, the v4 handshake with a token, an id → pending `Map`, event listeners by name.
 */

type Listener = (payload: unknown) => void;

interface Frame {
  type?: string;
  id?: string;
  ok?: boolean;
  event?: string;
  payload?: unknown;
  error?: { message?: string };
}

export class RawGatewayClient {
  readonly #pending = new Map<string, { resolve(value: unknown): void; reject(error: Error): void }>();
  readonly #listeners = new Map<string, Set<Listener>>();
  #socket: WebSocket | undefined;
  #nextId = 0;

  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  connect(): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url);
      this.#socket = socket;
      socket.onerror = () => reject(new Error('socket error'));
      socket.onclose = () => {
        for (const entry of this.#pending.values()) entry.reject(new Error('connection closed'));
        this.#pending.clear();
      };
      socket.onmessage = (message: MessageEvent<string>) => {
        const frame = JSON.parse(message.data) as Frame;
        if (frame.type === 'event' && frame.event === 'connect.challenge') {
          this.#pending.set('connect', { resolve, reject });
          const client = { id: 'gateway-client', version: '0.0.0', platform: 'web', mode: 'webchat' };
          const params = { minProtocol: 4, maxProtocol: 4, client, role: 'operator', scopes: ['operator.admin'], auth: { token: this.token } };
          socket.send(JSON.stringify({ type: 'req', id: 'connect', method: 'connect', params }));
        } else if (frame.type === 'res') {
          const entry = this.#pending.get(frame.id ?? '');
          this.#pending.delete(frame.id ?? '');
          if (frame.ok === true) entry?.resolve(frame.payload);
          else entry?.reject(new Error(frame.error?.message ?? 'request failed'));
        } else if (frame.type === 'event') {
          for (const listener of this.#listeners.get(frame.event ?? '') ?? []) listener(frame.payload);
        }
      };
    });
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = String(++this.#nextId);
    this.#socket?.send(JSON.stringify({ type: 'req', id, method, params }));
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  on(event: string, listener: Listener): () => void {
    let listeners = this.#listeners.get(event);
    if (listeners === undefined) this.#listeners.set(event, (listeners = new Set()));
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  close(): void {
    this.#socket?.close();
  }
}
