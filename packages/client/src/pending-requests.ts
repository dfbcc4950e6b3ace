import type { ResponseFrame } from '@gatewire/protocol/lite';
import { GatewayRequestError } from './errors/gateway-request-error';
import type { PendingRequest } from './pending-request';
import { fieldOf } from './field-of';

/** What happened to a response frame. */
export type ResponseOutcome = 'settled' | 'progress' | 'unknown';

/**
 * Requests sent on the current connection, by id. A response settles its request, except the
 * intermediate `{status: "accepted"}` of an `expectFinal` request, which is reported as progress.
 */
export class PendingRequests {
  readonly #byId = new Map<string, PendingRequest>();

  /** Number of requests awaiting a response. */
  get size(): number {
    return this.#byId.size;
  }

  add(request: PendingRequest): void {
    this.#byId.set(request.id, request);
  }

  remove(request: PendingRequest): void {
    if (this.#byId.get(request.id) === request) this.#byId.delete(request.id);
  }

  /** Route a response to its request. Unknown ids (late replies after a timeout or abort) are ignored. */
  settle(frame: ResponseFrame): ResponseOutcome {
    const request = this.#byId.get(frame.id);
    if (request === undefined) return 'unknown';
    if (frame.ok) {
      if (request.expectFinal && isAccepted(frame.payload)) {
        request.progress(frame.payload);
        return 'progress';
      }
      request.succeed(frame.payload);
      return 'settled';
    }
    // `isResponseFrame` checked the error's shape when there is one.
    const error = frame.error ?? { code: 'UNAVAILABLE', message: 'request failed without an error object' };
    request.fail(new GatewayRequestError(error, { method: request.method, payload: frame.payload }));
    return 'settled';
  }

  /** Take every pending request (the connection dropped). */
  drain(): PendingRequest[] {
    const requests = [...this.#byId.values()];
    this.#byId.clear();
    return requests;
  }
}

function isAccepted(payload: unknown): boolean {
  return fieldOf(payload, 'status') === 'accepted';
}
