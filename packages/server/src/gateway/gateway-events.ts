import type { AddressInfo } from 'node:net';
import type { ErrorShape } from '@gatewire/protocol';
import type { ConnectionInfo } from '../connection/connection-info';

/** `connection`: a client completed the handshake. */
export interface ConnectionEvent {
  readonly connection: ConnectionInfo;
}

/** `disconnect`: an authenticated client's socket closed. */
export interface DisconnectEvent {
  readonly connection: ConnectionInfo;
  readonly code: number;
  readonly reason: string;
}

/** `refused`: a handshake was refused (after the answer was sent). */
export interface RefusedEvent {
  readonly connId: string;
  readonly clientIp: string;
  readonly error: ErrorShape;
  readonly closeCode: number;
}

/** `error`: something failed that no client caused on purpose (a handler threw, a store failed). */
export interface GatewayErrorEvent {
  readonly error: unknown;
  readonly connId?: string | undefined;
  readonly method?: string | undefined;
}

/** `listening`: the gateway can be reached at `url`. */
export interface ListeningEvent {
  readonly url: string;
  readonly address: AddressInfo | string;
}

/** `node-event`: a node called `node.event`. */
export interface NodeEventEvent {
  readonly node: ConnectionInfo;
  readonly event: string;
  readonly payload: unknown;
}

/** `close`: the gateway finished shutting down. */
export interface CloseEvent {
  readonly reason: string;
}

/** The typed event map of a gateway (one context object per event). */
export interface GatewayEvents {
  connection: (event: ConnectionEvent) => void;
  disconnect: (event: DisconnectEvent) => void;
  refused: (event: RefusedEvent) => void;
  error: (event: GatewayErrorEvent) => void;
  listening: (event: ListeningEvent) => void;
  'node-event': (event: NodeEventEvent) => void;
  close: (event: CloseEvent) => void;
}
