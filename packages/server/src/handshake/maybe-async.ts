/** A value now, or a promise of it when a host hook or a store answered with one. */
export type MaybePromise<T> = T | Promise<T>;

/** Whether `value` is a promise or another thenable (what `await` would wait for). */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * `next(value)` now when `value` is already there, else once it settles: a handshake that waits
 * for nothing runs to its answer in the turn its `connect` arrived, with no promise and no
 * microtask hop, and one that waits (an async hook or store) continues as before.
 */
export function whenReady<T, R>(value: T | PromiseLike<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isThenable(value) ? Promise.resolve(value).then(next) : next(value);
}
