/** What an invoke handler gets beside the params. */
export interface InvokeContext {
  /** The invoke id (`node.invoke.request.id`). */
  readonly invokeId: string;
  readonly nodeId: string;
  readonly command: string;
  /** Aborted on `node.invoke.cancel` for this invoke, or when the connection drops. */
  readonly signal: AbortSignal;
  /** The remaining time budget the gateway gave, ms. */
  readonly timeoutMs: number | undefined;
  readonly idempotencyKey: string | undefined;
}

/**
 * Serves one node command. The resolved value is sent as the result `payload`; a throw (or
 * rejection) is sent as `ok: false` with `error.code` (the thrown error's string `code`, else
 * `UNAVAILABLE`) and `error.message`.
 */
export type InvokeHandler<Params = unknown, Result = unknown> = (params: Params, context: InvokeContext) => Result | Promise<Result>;
