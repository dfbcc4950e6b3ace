import { PROTOCOL_VERSION, type Snapshot } from '@gatewire/protocol';
import type { Admission } from './admission';
import type { HelloFacts } from './hello';
import { helloAuthJson, helloSnapshotJson } from './hello-ok-json';

/** The texts around the per-connection parts of `hello-ok`, serialized from one {@link HelloFacts}. */
interface HelloSegments {
  /** What they were serialized from. */
  readonly facts: HelloFacts;
  /** From the payload's `{` up to and including `"connId":`. */
  readonly beforeConnId: string;
  /** From after the connection id up to and including `"snapshot":` (boot id and `features`). */
  readonly beforeSnapshot: string;
  /** `,"policy":{…}}`, the end of the payload. */
  readonly policy: string;
}

function segmentsOf(facts: HelloFacts): HelloSegments {
  const features = { methods: facts.methods, events: facts.events, capabilities: facts.capabilities };
  const policy = { maxPayload: facts.maxPayloadBytes, maxBufferedBytes: facts.maxBufferedBytes, tickIntervalMs: facts.tickIntervalMs };
  return {
    facts,
    beforeConnId: `{"type":"hello-ok","protocol":${PROTOCOL_VERSION},"server":{"version":${JSON.stringify(facts.serverVersion)},"connId":`,
    beforeSnapshot: `,"bootId":${JSON.stringify(facts.bootId)}},"features":${JSON.stringify(features)},"snapshot":`,
    policy: `,"policy":${JSON.stringify(policy)}}`,
  };
}

/**
 * Whether `hello-ok` built from `next` has the gateway-wide parts of `previous`. The lists are
 * compared by identity: the gateway hands over the same arrays while they are unchanged (a new
 * array only serializes them anew).
 */
function sameFacts(previous: HelloFacts, next: HelloFacts): boolean {
  return (
    previous.methods === next.methods &&
    previous.events === next.events &&
    previous.capabilities === next.capabilities &&
    previous.serverVersion === next.serverVersion &&
    previous.bootId === next.bootId &&
    previous.maxPayloadBytes === next.maxPayloadBytes &&
    previous.maxBufferedBytes === next.maxBufferedBytes &&
    previous.tickIntervalMs === next.tickIntervalMs
  );
}

/**
 * The `res` frame that answers `connect` with `hello-ok`, as text: exactly
 * `JSON.stringify({ type: 'res', id, ok: true, payload: buildHelloOk(…) })`. Two thirds of it (the
 * server version and boot id, `features` with every method and event name, `policy`) are the same
 * for every connection of a gateway: they are serialized once, again only when one of them
 * changes, and spliced around the per-connection parts (request id, connection id, snapshot,
 * auth), the only ones serialized per handshake, and those field by field where their shape is
 * known (`hello-ok-json.ts`).
 */
export class HelloOkFrames {
  #segments: HelloSegments | undefined;
  #lastRequestId: { readonly id: string; readonly json: string } | undefined;

  /** The frame for one connection. */
  frame(requestId: string, connId: string, admission: Admission, snapshot: Snapshot, facts: HelloFacts): string {
    let segments = this.#segments;
    if (segments === undefined || !sameFacts(segments.facts, facts)) this.#segments = segments = segmentsOf(facts);
    const payload = `${segments.beforeConnId}${JSON.stringify(connId)}${segments.beforeSnapshot}${helloSnapshotJson(snapshot)},"auth":${helloAuthJson(admission)}${segments.policy}`;
    return `{"type":"res","id":${this.#requestIdJson(requestId)},"ok":true,"payload":${payload}}`;
  }

  /** `JSON.stringify(requestId)`, kept for the next handshake: clients of one kind send the same `connect` id. */
  #requestIdJson(requestId: string): string {
    const last = this.#lastRequestId;
    if (last?.id === requestId) return last.json;
    const json = JSON.stringify(requestId);
    this.#lastRequestId = { id: requestId, json };
    return json;
  }
}
