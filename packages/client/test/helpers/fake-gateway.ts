/**
 * A scripted raw-frame gateway for tests: a real `ws` WebSocketServer on port 0 that speaks the
 * wire protocol exactly as the reference shows (challenge on open, `connect` → `hello-ok` or a
 * refusal and a close, per-connection `seq`) and misbehaves on demand: no challenge, a stalled
 * handshake, skipped `seq`, silence instead of ticks, a close with any code.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  buildDeviceAuthPayload,
  deriveDeviceId,
  resolveSignedToken,
  verifyDevicePayload,
  type ConnectParams,
  type ErrorShape,
  type HelloOk,
} from '@gatewire/protocol/lite';
import { WebSocketServer, type WebSocket } from 'ws';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/hello-ok.operator-token.json', import.meta.url), 'utf8')) as HelloOk;

/** A refusal of `connect`: the error to answer, then the close. */
export interface Refusal {
  readonly error: ErrorShape;
  readonly closeCode?: number;
  readonly closeReason?: string;
}

/** What to do with one method call. */
export type MethodHandler = (params: unknown, call: { connection: FakeConnection; id: string }) => unknown;

/** Sentinel a handler returns when it answers by itself (or never). */
export const NO_REPLY = Symbol('no-reply');

export interface FakeGatewayOptions {
  /** Serve over this (already listening) HTTPS server instead of a plain one (TLS tests). */
  httpsServer?: HttpsServer;
  /** Port to listen on (0 = any; pass an old port to simulate a restart). */
  port?: number;
  /** `policy.tickIntervalMs` in hello-ok. @default 30000 */
  tickIntervalMs?: number;
  /** Send `tick` events every `tickIntervalMs` (as a real gateway does). @default false */
  sendTicks?: boolean;
  /** Shared token required by `connect` (`AUTH_TOKEN_MISMATCH` otherwise). */
  token?: string;
  /** Password required by `connect` (`AUTH_PASSWORD_MISMATCH` otherwise). */
  password?: string;
  /** Send this `connect.challenge` payload instead of a valid one. */
  challengePayload?: unknown;
  /** Do not send `connect.challenge` (the client must time out). */
  silent?: boolean;
  /** Receive `connect` but never answer it. */
  stallConnect?: boolean;
  /** Refuse every `connect` with this error. */
  refuse?: Refusal;
  /** Capabilities offered in `connect.challenge` (and, unless `helloCapabilities` is given, in `hello-ok`). */
  capabilities?: string[];
  /** `hello-ok.features.capabilities`. @default capabilities */
  helloCapabilities?: string[];
  /** Method handlers (default: `health` answers `{ok: true}`). */
  methods?: Record<string, MethodHandler>;
}

/** One accepted socket on the fake gateway. */
export class FakeConnection {
  readonly socket: WebSocket;
  /** The `connect` params it sent, once received. */
  params: ConnectParams | undefined;
  /** Every request frame it sent after the handshake. */
  readonly requests: Array<{ id: string; method: string; params: unknown }> = [];
  /** Resolves with the close code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  #seq = 0;

  constructor(socket: WebSocket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Send any frame (a raw string is sent as is). */
  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Send a sequenced event (`seq` counts per connection; pass `seq` to force one). */
  sendEvent(event: string, payload: unknown, seq?: number): void {
    this.#seq = seq ?? this.#seq + 1;
    this.send({ type: 'event', event, payload, seq: this.#seq });
  }

  /** Send an unsequenced event (node-directed or targeted). */
  sendDirect(event: string, payload: unknown): void {
    this.send({ type: 'event', event, payload });
  }

  /** Answer a request. */
  reply(id: string, ok: boolean, payload?: unknown, error?: ErrorShape): void {
    this.send({ type: 'res', id, ok, ...(payload === undefined ? {} : { payload }), ...(error === undefined ? {} : { error }) });
  }

  /** Close with a code and reason. */
  close(code: number, reason = ''): void {
    this.socket.close(code, reason);
  }

  /** Wait for the next request of `method` (or one already received). */
  async waitForRequest(method: string): Promise<{ id: string; method: string; params: unknown }> {
    for (;;) {
      const found = this.requests.find((request) => request.method === method);
      if (found !== undefined) return found;
      await once(this.socket, 'message');
    }
  }
}

export class FakeGateway {
  readonly server: WebSocketServer;
  readonly options: FakeGatewayOptions;
  /** Every connection, in order. */
  readonly connections: FakeConnection[] = [];
  /** Connections that got hello-ok. */
  readonly ready: FakeConnection[] = [];
  /** Device tokens issued, by token → device id. */
  readonly issuedTokens = new Map<string, string>();
  readonly #timers = new Set<ReturnType<typeof setInterval>>();
  readonly #waiters: Array<(connection: FakeConnection) => void> = [];

  private constructor(server: WebSocketServer, options: FakeGatewayOptions) {
    this.server = server;
    this.options = options;
    server.on('connection', (socket) => this.#accept(socket));
  }

  static async start(options: FakeGatewayOptions = {}): Promise<FakeGateway> {
    if (options.httpsServer !== undefined) return new FakeGateway(new WebSocketServer({ server: options.httpsServer }), options);
    const server = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0 });
    await once(server, 'listening');
    return new FakeGateway(server, options);
  }

  get port(): number {
    return ((this.options.httpsServer ?? this.server).address() as AddressInfo).port;
  }

  get url(): string {
    return `${this.options.httpsServer === undefined ? 'ws' : 'wss'}://127.0.0.1:${this.port}`;
  }

  /** Resolves with the next connection that completes the handshake. */
  nextReady(): Promise<FakeConnection> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Close every socket (1012 by default, like a restart) and the server. */
  async stop(code = 1012, reason = 'service restart'): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    for (const connection of this.connections) if (connection.socket.readyState <= 1) connection.close(code, reason);
    await Promise.all(this.connections.map((connection) => connection.closed));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    const connection = new FakeConnection(socket);
    this.connections.push(connection);
    socket.on('message', (data) => void this.#handle(connection, JSON.parse(data.toString()) as Record<string, unknown>));
    if (this.options.silent === true) return;
    const nonce = crypto.randomUUID();
    (connection as { nonce?: string }).nonce = nonce;
    const payload = this.options.challengePayload ?? { nonce, ts: Date.now(), capabilities: this.options.capabilities ?? [] };
    connection.send({ type: 'event', event: 'connect.challenge', payload });
  }

  async #handle(connection: FakeConnection, frame: Record<string, unknown>): Promise<void> {
    const id = String(frame['id']);
    if (connection.params === undefined) {
      if (frame['method'] !== 'connect') return connection.close(1008, 'invalid handshake');
      connection.params = frame['params'] as ConnectParams;
      if (this.options.stallConnect === true) return;
      const refusal = this.options.refuse ?? (await this.#authenticate(connection, connection.params));
      if (refusal !== undefined) {
        connection.reply(id, false, undefined, refusal.error);
        return connection.close(refusal.closeCode ?? 1008, refusal.closeReason ?? refusal.error.message);
      }
      connection.reply(id, true, await this.#hello(connection.params, this.connections.indexOf(connection) + 1));
      this.ready.push(connection);
      if (this.options.sendTicks === true) this.#startTicks(connection);
      for (const waiter of this.#waiters.splice(0)) waiter(connection);
      return;
    }
    const method = String(frame['method']);
    connection.requests.push({ id, method, params: frame['params'] });
    const handler = this.options.methods?.[method] ?? (method === 'health' ? () => ({ ok: true, ts: Date.now() }) : undefined);
    if (handler === undefined) return connection.reply(id, false, undefined, { code: 'INVALID_REQUEST', message: `unknown method: ${method}` });
    try {
      const result = await handler(frame['params'], { connection, id });
      if (result !== NO_REPLY) connection.reply(id, true, result);
    } catch (error) {
      const shape = error as Partial<ErrorShape>;
      connection.reply(id, false, undefined, { code: shape.code ?? 'UNAVAILABLE', message: shape.message ?? 'failed', ...shape });
    }
  }

  async #authenticate(connection: FakeConnection, params: ConnectParams): Promise<Refusal | undefined> {
    const auth = params.auth ?? {};
    const device = params.device;
    if (device !== undefined) {
      const derived = await deriveDeviceId(device.publicKey);
      const payload = buildDeviceAuthPayload('v3', {
        deviceId: device.id,
        clientId: params.client.id,
        clientMode: params.client.mode,
        role: params.role,
        scopes: params.scopes,
        signedAtMs: device.signedAt,
        token: resolveSignedToken(auth),
        nonce: device.nonce,
        platform: params.client.platform,
        deviceFamily: params.client.deviceFamily,
      });
      const nonce = (connection as { nonce?: string }).nonce;
      const valid = derived === device.id && device.nonce === nonce && (await verifyDevicePayload(device.publicKey, payload, device.signature));
      if (!valid) return refusal('DEVICE_AUTH_SIGNATURE_INVALID', 'device signature invalid');
    }
    const deviceTokenOk = auth.deviceToken !== undefined && this.issuedTokens.get(auth.deviceToken) === device?.id;
    if (this.options.token !== undefined && auth.token !== this.options.token && !deviceTokenOk) {
      return refusal(auth.token === undefined ? 'AUTH_TOKEN_MISSING' : 'AUTH_TOKEN_MISMATCH', 'unauthorized: gateway token mismatch');
    }
    if (this.options.password !== undefined && auth.password !== this.options.password && !deviceTokenOk) {
      return refusal('AUTH_PASSWORD_MISMATCH', 'unauthorized: gateway password mismatch');
    }
    return undefined;
  }

  async #hello(params: ConnectParams, connectionNumber: number): Promise<HelloOk> {
    const role = params.role ?? 'operator';
    let method: 'token' | 'password' | 'device-token' | 'none' = params.auth?.token !== undefined ? 'token' : params.auth?.password !== undefined ? 'password' : 'none';
    let deviceToken: string | undefined;
    if (params.device !== undefined) {
      if (params.auth?.deviceToken !== undefined && this.issuedTokens.has(params.auth.deviceToken) && method === 'none') method = 'device-token';
      deviceToken = `dt-${params.device.id.slice(0, 8)}-${role}-${this.issuedTokens.size + 1}`;
      this.issuedTokens.set(deviceToken, params.device.id);
    }
    const capabilities = this.options.helloCapabilities ?? this.options.capabilities;
    return {
      ...fixture,
      ...(capabilities === undefined
        ? {}
        : { server: { ...fixture.server, connId: `fake-${connectionNumber}` }, features: { ...fixture.features, capabilities } }),
      auth: { role, scopes: [...(params.scopes ?? [])], method, ...(deviceToken === undefined ? {} : { deviceToken, issuedAtMs: Date.now() }) },
      policy: { ...fixture.policy, tickIntervalMs: this.options.tickIntervalMs ?? 30_000 },
    };
  }

  #startTicks(connection: FakeConnection): void {
    const timer = setInterval(() => {
      if (connection.socket.readyState === 1) connection.sendEvent('tick', { ts: Date.now() });
    }, this.options.tickIntervalMs ?? 30_000);
    this.#timers.add(timer);
    void connection.closed.then(() => {
      clearInterval(timer);
      this.#timers.delete(timer);
    });
  }
}

/** An `INVALID_REQUEST` refusal with a `details.code`, closed 1008. */
export function refusal(detailCode: string, message: string, extra: Record<string, unknown> = {}): Refusal {
  return { error: { code: 'INVALID_REQUEST', message, details: { code: detailCode, ...extra } }, closeCode: 1008, closeReason: message };
}
