import { PROTOCOL_VERSION, type HelloOk, type Snapshot } from '@gatewire/protocol';
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

/** Build the `hello-ok` payload for an admitted connection. */
export function buildHelloOk(connId: string, admission: Admission, snapshot: Snapshot, facts: HelloFacts): HelloOk {
  return {
    type: 'hello-ok',
    protocol: PROTOCOL_VERSION,
    server: { version: facts.serverVersion, connId, bootId: facts.bootId },
    features: { methods: [...facts.methods], events: [...facts.events], capabilities: [...facts.capabilities] },
    snapshot,
    auth: {
      role: admission.role,
      scopes: [...admission.scopes],
      method: admission.method,
      ...(admission.deviceToken === undefined
        ? {}
        : { deviceToken: admission.deviceToken.token, issuedAtMs: admission.deviceToken.issuedAtMs }),
    },
    policy: {
      maxPayload: facts.maxPayloadBytes,
      maxBufferedBytes: facts.maxBufferedBytes,
      tickIntervalMs: facts.tickIntervalMs,
    },
  };
}
