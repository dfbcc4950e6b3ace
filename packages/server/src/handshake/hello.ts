import { PROTOCOL_VERSION, type HelloOk, type Snapshot } from '@gatewire/protocol';
import type { ResolvedGatewayOptions } from '../options/resolve-options';
import type { Admission } from './admission';

/** Gateway-wide facts that go into every `hello-ok`. */
export interface HelloFacts {
  readonly serverVersion: string;
  readonly bootId: string;
  readonly methods: readonly string[];
  readonly events: readonly string[];
  readonly capabilities: readonly string[];
  readonly maxPayloadBytes: number;
  readonly maxBufferedBytes: number;
  readonly tickIntervalMs: number;
}

/** The {@link HelloFacts} of a gateway: its lists, and the rest from the options in force. */
export function helloFactsOf(options: ResolvedGatewayOptions, lists: Pick<HelloFacts, 'bootId' | 'methods' | 'events' | 'capabilities'>): HelloFacts {
  return {
    serverVersion: options.serverVersion,
    ...lists,
    maxPayloadBytes: options.maxPayloadBytes,
    maxBufferedBytes: options.maxBufferedBytes,
    tickIntervalMs: options.tickIntervalMs,
  };
}

/** `hello-ok.auth` of an admission. */
export function helloAuthOf(admission: Admission): HelloOk['auth'] {
  return {
    role: admission.role,
    scopes: [...admission.scopes],
    method: admission.method,
    ...(admission.deviceToken === undefined ? {} : { deviceToken: admission.deviceToken.token, issuedAtMs: admission.deviceToken.issuedAtMs }),
  };
}

/**
 * The `hello-ok` payload of an admitted connection, as an object typed by the protocol's schema.
 * The gateway sends it as text built by `HelloOkFrames` (`hello-ok-frame.ts`), which must stay
 * byte for byte what `JSON.stringify` makes of this object (its tests compare the two).
 */
export function buildHelloOk(connId: string, admission: Admission, snapshot: Snapshot, facts: HelloFacts): HelloOk {
  return {
    type: 'hello-ok',
    protocol: PROTOCOL_VERSION,
    server: { version: facts.serverVersion, connId, bootId: facts.bootId },
    features: { methods: [...facts.methods], events: [...facts.events], capabilities: [...facts.capabilities] },
    snapshot,
    auth: helloAuthOf(admission),
    policy: {
      maxPayload: facts.maxPayloadBytes,
      maxBufferedBytes: facts.maxBufferedBytes,
      tickIntervalMs: facts.tickIntervalMs,
    },
  };
}
