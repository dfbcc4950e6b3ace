/** The workload every system serves: the same method, the same event, the same secret. */

/** The shared token every load-generator connection presents. */
export const BENCH_TOKEN = 'gatewire-bench-token-7d1f3c2a9b';

/** Name of the RPC method (the systems adapt it to their naming rules). */
export const ADD_METHOD = 'bench.add';

/** Name of the broadcast event. */
export const TICK_EVENT = 'bench.tick';

/** Params of `add`. */
export interface AddParams {
  readonly a: number;
  readonly b: number;
}

/** Result of `add`. */
export interface AddResult {
  readonly sum: number;
}

/** Payload of the broadcast event: a sequence number and a short text (a small, realistic event). */
export interface TickPayload {
  readonly n: number;
  readonly text: string;
}

/** Build the `n`th broadcast payload. */
export function tickPayload(n: number): TickPayload {
  return { n, text: 'status update: all systems nominal' };
}

/** Whether a value looks like {@link AddParams} (the hand-written validator the baselines use). */
export function isAddParams(value: unknown): value is AddParams {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { a?: unknown; b?: unknown };
  return typeof candidate.a === 'number' && typeof candidate.b === 'number';
}
