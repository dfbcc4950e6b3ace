/** Options of one `client.request(method, params, options)` call. */
export interface RequestOptions {
  /**
   * Timeout from the call, ms (time spent in the reconnect queue counts). `null` waits forever.
   * @default `requestTimeoutMs` (30000), or no timeout with `expectFinal`
   */
  timeoutMs?: number | null;
  /** Aborts the request: it rejects at once with `ABORTED` and a late reply is ignored. @default undefined */
  signal?: AbortSignal;
  /**
   * Wait for the final response after an intermediate `{status: "accepted"}` one (streaming methods
   * such as `agent`); the intermediate payload goes to `onProgress` and the `progress` event.
   * @default false
   */
  expectFinal?: boolean;
  /** Receives the intermediate `accepted` payload of an `expectFinal` request. @default undefined */
  onProgress?: (payload: unknown) => void;
  /**
   * Marks the request as safe to re-send: if the connection drops before the answer, it is re-sent
   * once reconnected instead of rejecting with `CONNECTION_CLOSED`. Params that carry an
   * `idempotencyKey` string are treated the same way. The key is not added to the params.
   * @default undefined
   */
  idempotencyKey?: string;
  /**
   * W3C trace context of the caller (`00-<trace id>-<span id>-<flags>`), sent as the request frame's
   * `traceparent`: the handler receives it, and a gateway with OpenTelemetry makes the request's
   * server span a child of this span. A value that is not a valid `traceparent` of at most 128
   * characters rejects the call with `INVALID_OPTIONS` (nothing is sent).
   * @default undefined (no `traceparent` on the frame)
   */
  traceparent?: string;
}
