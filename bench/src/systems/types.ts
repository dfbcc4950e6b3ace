import type { Server as HttpServer } from 'node:http';
import type { DeviceKey } from './shared/device-keys';
import type { TickPayload } from './shared/fixture';

/** The systems compared. `gatewire` is the subject, the others are baselines. */
export const SYSTEM_NAMES = ['gatewire', 'ws', 'socketio', 'trpc', 'rpc-websockets'] as const;
export type SystemName = (typeof SYSTEM_NAMES)[number];

/** How a load-generator connection proves who it is. `upgrade` is a bare WebSocket upgrade. */
export type AuthKind = 'token' | 'device' | 'upgrade';

/** What a server under test is given. */
export interface ServerStartOptions {
  /** The host's HTTP server, not yet listening; the system attaches its WebSocket endpoint to it. */
  readonly httpServer: HttpServer;
  /** Shared secret every client presents. */
  readonly token: string;
  /** Devices paired in advance (device-signature handshakes). */
  readonly pairedDevices: readonly DeviceKey[];
  /** Upper bound of connections the scenario opens (systems with a cap are raised above it). */
  readonly maxConnections: number;
  /** Gatewire only: Prometheus metrics on, scraped once a second (the metrics-overhead scenario). @default false */
  readonly metrics?: boolean;
  /** Gatewire only: the Redis adapter's URL and cluster name (the cluster scenario); in-memory when absent. */
  readonly redis?: { readonly url: string; readonly cluster: string } | undefined;
}

/** A running server under test. */
export interface SystemServer {
  /** Send one event to every connected, authenticated client. */
  broadcast(payload: TickPayload): void;
  /** Stop accepting, close every connection. */
  close(): Promise<void>;
}

/** The server half of a system, loaded only in the server child. */
export interface SystemServerModule {
  start(options: ServerStartOptions): Promise<SystemServer>;
}

/** What a load-generator connection is given. */
export interface ClientConnectOptions {
  readonly port: number;
  readonly token: string;
  readonly auth: AuthKind;
  /** The device key to sign with (auth `device`). */
  readonly device?: DeviceKey;
  /** Called for every broadcast event; the connection subscribes before `connect` resolves. */
  readonly onEvent?: (payload: TickPayload) => void;
}

/** An authenticated client connection. */
export interface SystemClient {
  /** One small RPC round trip (`add(a, b)`), resolving to the sum. */
  add(a: number, b: number): Promise<number>;
  /** Close the connection (without waiting for the closing handshake). */
  close(): void;
}

/** The client half of a system, loaded only in the load generator. */
export interface SystemClientModule {
  /** Which handshakes this system can perform. */
  readonly authKinds: readonly AuthKind[];
  /** Open a connection and complete the system's handshake and authentication. */
  connect(options: ClientConnectOptions): Promise<SystemClient>;
}
