/**
 * The client's one connection state machine.
 *
 * ```text
 *  idle ──connect()──▶ connecting ──socket open──▶ handshaking ──hello-ok──▶ connected
 *                          │                           │                         │
 *                          └────────── drop ───────────┴──────────┬──────────────┘
 *                                                                 ▼
 *                     closed ◀── fatal / close() / exhausted ── reconnecting ──delay──▶ connecting
 * ```
 *
 * Every change is announced once, through the single `state` event `{from, to, reason}`.
 */
export const ConnectionStates = {
  /** Created, `connect()` not called yet. */
  IDLE: 'idle',
  /** Opening the WebSocket (TCP, TLS, HTTP upgrade). */
  CONNECTING: 'connecting',
  /** Socket open: waiting for `connect.challenge`, then for `hello-ok`. */
  HANDSHAKING: 'handshaking',
  /** `hello-ok` received: requests are sent at once. */
  CONNECTED: 'connected',
  /** The connection dropped; waiting for the backoff delay before the next attempt. */
  RECONNECTING: 'reconnecting',
  /** Stopped: `close()` was called or a fatal condition stopped reconnection. `connect()` starts again. */
  CLOSED: 'closed',
} as const;

/** One of the {@link ConnectionStates}. */
export type ConnectionState = (typeof ConnectionStates)[keyof typeof ConnectionStates];

/** Payload of the `state` event. */
export interface StateChange {
  readonly from: ConnectionState;
  readonly to: ConnectionState;
  /** Why, in words (e.g. `"hello-ok"`, `"closed 1012: service restart"`, `"closed by client"`). */
  readonly reason: string;
}

const ALLOWED_TRANSITIONS: Readonly<Record<ConnectionState, readonly ConnectionState[]>> = {
  idle: ['connecting', 'closed'],
  connecting: ['handshaking', 'reconnecting', 'closed'],
  handshaking: ['connected', 'reconnecting', 'closed'],
  connected: ['reconnecting', 'closed'],
  reconnecting: ['connecting', 'closed'],
  closed: ['connecting'],
};

/** Whether the machine may go from `from` to `to`. */
export function canTransition(from: ConnectionState, to: ConnectionState): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** Holds the current state and refuses transitions the diagram above does not have. */
export class ConnectionStateMachine {
  #state: ConnectionState = 'idle';
  readonly #onChange: (change: StateChange) => void;

  constructor(onChange: (change: StateChange) => void) {
    this.#onChange = onChange;
  }

  /** The current state. */
  get state(): ConnectionState {
    return this.#state;
  }

  /** Move to `to` and announce it. Throws on a transition the diagram does not allow (a bug). */
  transition(to: ConnectionState, reason: string): void {
    const from = this.#state;
    if (!canTransition(from, to)) throw new Error(`invalid state transition ${from} -> ${to} (${reason})`);
    this.#state = to;
    this.#onChange({ from, to, reason });
  }
}
