import { HostHookErrorCodes, type TSchema, type Validator } from '@gatewire/protocol';
import { HostHookError, type HostHookName } from '../errors/host-hook-error';
import { copyJson, type JsonValue } from './json-copy';

/** The bounds of one hook run. */
export interface HookRunLimits {
  /** Time the hook has to settle, ms (`hostHookTimeoutMs`). */
  readonly timeoutMs: number;
  /** Ends the run early: the gateway closes (or the caller left). */
  readonly signal: AbortSignal;
}

/**
 * Run a host hook and return its result as a detached JSON copy that `validator` accepts. Throws a
 * {@link HostHookError}: `HOST_HOOK_FAILED` when the hook throws or rejects (or the run is ended
 * through `limits.signal`), `HOST_HOOK_TIMEOUT` when it does not settle within `limits.timeoutMs`
 * (the hook's own signal aborts then), `HOST_HOOK_INVALID_RESULT` when the result is not plain JSON
 * or not of the shape. The host's error is the `cause`, never the message.
 */
export async function runHostHook(
  hook: HostHookName,
  call: (signal: AbortSignal) => unknown,
  limits: HookRunLimits,
  validator: Validator<TSchema>,
): Promise<JsonValue> {
  const result = await settleWithin(hook, call, limits);
  const copy = copyJson(result);
  if (!copy.ok) throw new HostHookError(hook, HostHookErrorCodes.HOST_HOOK_INVALID_RESULT, `${hook} hook result is not JSON: ${copy.problem}`);
  if (!validator.check(copy.value)) {
    throw new HostHookError(hook, HostHookErrorCodes.HOST_HOOK_INVALID_RESULT, `${hook} hook result is invalid: ${validator.firstError(copy.value) ?? 'wrong shape'}`);
  }
  return copy.value;
}

async function settleWithin(hook: HostHookName, call: (signal: AbortSignal) => unknown, limits: HookRunLimits): Promise<unknown> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onEnded: (() => void) | undefined;
  const stopped = new Promise<never>((_resolve, reject) => {
    const stop = (error: HostHookError) => {
      controller.abort(error);
      reject(error);
    };
    timer = setTimeout(() => stop(new HostHookError(hook, HostHookErrorCodes.HOST_HOOK_TIMEOUT, `${hook} hook did not settle within ${limits.timeoutMs} ms`)), limits.timeoutMs);
    timer.unref();
    onEnded = () => stop(new HostHookError(hook, HostHookErrorCodes.HOST_HOOK_FAILED, `${hook} hook ended early: the caller left or the gateway is closing`));
    if (limits.signal.aborted) onEnded();
    else limits.signal.addEventListener('abort', onEnded, { once: true });
  });
  try {
    return await Promise.race([new Promise((resolve) => resolve(call(controller.signal))), stopped]);
  } catch (error) {
    throw HostHookError.from(hook, error);
  } finally {
    clearTimeout(timer);
    if (onEnded !== undefined) limits.signal.removeEventListener('abort', onEnded);
  }
}
