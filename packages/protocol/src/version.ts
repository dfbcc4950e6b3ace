/**
 * Protocol version constants and negotiation, wire-compatible with the OpenClaw gateway protocol v4.
 *
 * A client announces the window `[minProtocol, maxProtocol]` it speaks. The gateway speaks exactly
 * {@link PROTOCOL_VERSION}, and keeps a one-version-older window open for node hosts and probes.
 */

/** The protocol version this package implements and a gateway answers in `hello-ok.protocol`. */
export const PROTOCOL_VERSION = 4;
/** Oldest version accepted from ordinary (operator) clients. */
export const MIN_CLIENT_PROTOCOL_VERSION = 4;
/** Oldest version accepted from `role: "node"` clients in `client.mode: "node"` (the N-1 window). */
export const MIN_NODE_PROTOCOL_VERSION = 3;
/** Oldest version accepted from `client.mode: "probe"` clients. */
export const MIN_PROBE_PROTOCOL_VERSION = 3;

/** Who is asking, for {@link negotiateProtocol}. */
export interface NegotiationPeer {
  /** The requested role; `"operator"` when absent. */
  readonly role?: string | undefined;
  /** The client's `client.mode`. */
  readonly mode?: string | undefined;
}

/** Details sent with a `PROTOCOL_MISMATCH` refusal (`error.details`). */
export interface ProtocolMismatchDetails {
  readonly code: 'PROTOCOL_MISMATCH';
  readonly clientMinProtocol: number;
  readonly clientMaxProtocol: number;
  readonly expectedProtocol: number;
  readonly minimumProbeProtocol: number;
}

/** The result of {@link negotiateProtocol}. */
export type NegotiationResult =
  | { readonly ok: true; readonly protocol: number }
  | { readonly ok: false; readonly details: ProtocolMismatchDetails };

/**
 * Decide whether a client window `[min, max]` can talk to this gateway.
 *
 * Accepted when `min <= 4 <= max`; for probes when `max >= 3 && min <= 4`; for node-mode nodes when
 * `max >= 3 && min <= 3`. The agreed version is always {@link PROTOCOL_VERSION} (the gateway answers
 * `protocol: 4` even to an admitted v3 node, as the reference does).
 */
export function negotiateProtocol(min: number, max: number, peer: NegotiationPeer = {}): NegotiationResult {
  const valid = Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max >= min;
  if (valid) {
    if (min <= PROTOCOL_VERSION && PROTOCOL_VERSION <= max) return { ok: true, protocol: PROTOCOL_VERSION };
    if (peer.mode === 'probe' && max >= MIN_PROBE_PROTOCOL_VERSION && min <= PROTOCOL_VERSION) {
      return { ok: true, protocol: PROTOCOL_VERSION };
    }
    const isNode = peer.role === 'node' && peer.mode === 'node';
    if (isNode && max >= MIN_NODE_PROTOCOL_VERSION && min <= MIN_NODE_PROTOCOL_VERSION) {
      return { ok: true, protocol: PROTOCOL_VERSION };
    }
  }
  return {
    ok: false,
    details: {
      code: 'PROTOCOL_MISMATCH',
      clientMinProtocol: min,
      clientMaxProtocol: max,
      expectedProtocol: PROTOCOL_VERSION,
      minimumProbeProtocol: MIN_PROBE_PROTOCOL_VERSION,
    },
  };
}

/**
 * The window a client should announce in `connect`: `[4, 4]` for ordinary clients, `[3, 4]` for probes
 * and node-mode nodes (as the reference client does).
 */
export function clientProtocolWindow(peer: NegotiationPeer = {}): { minProtocol: number; maxProtocol: number } {
  const wide = peer.mode === 'probe' || (peer.role === 'node' && peer.mode === 'node');
  return { minProtocol: wide ? MIN_NODE_PROTOCOL_VERSION : MIN_CLIENT_PROTOCOL_VERSION, maxProtocol: PROTOCOL_VERSION };
}
