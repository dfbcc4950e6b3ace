import { compileValidator, HealthSnapshot } from '@gatewire/protocol';
import { HostHookError } from '../errors/host-hook-error';
import type { HealthHook } from './host-hook-options';
import { runHostHook, type HookRunLimits } from './run-host-hook';

const healthValidator = compileValidator(HealthSnapshot);

/**
 * The health the gateway reports (the `health` method, `hello-ok.snapshot.health`, `health`
 * events). Without a host hook it is the gateway's own, computed at each read. With one it is the
 * hook's latest result, refreshed by {@link HealthState.refresh} (the periodic broadcast, each
 * `health` call, `publishHealth()`); refreshes asked for while one runs share it. When the hook
 * fails, the report is the gateway's own health with `ok: false` and `error: {code, message}`.
 */
export class HealthState {
  readonly #hook: HealthHook | undefined;
  readonly #own: () => HealthSnapshot;
  readonly #limits: HookRunLimits;
  readonly #report: (error: HostHookError) => void;
  #latest: HealthSnapshot | undefined;
  #running: Promise<HealthSnapshot> | undefined;

  constructor(hook: HealthHook | undefined, own: () => HealthSnapshot, limits: HookRunLimits, report: (error: HostHookError) => void) {
    this.#hook = hook;
    this.#own = own;
    this.#limits = limits;
    this.#report = report;
  }

  /** Whether a host hook shapes the health. */
  get hosted(): boolean {
    return this.#hook !== undefined;
  }

  /** The health to report without waiting; `undefined` until the hook's first run ended. */
  current(): HealthSnapshot | undefined {
    return this.#hook === undefined ? this.#own() : this.#latest;
  }

  /** {@link current}, or the hook's first run when there is nothing yet (a handshake waits for it). */
  settled(): HealthSnapshot | Promise<HealthSnapshot> {
    return this.current() ?? this.refresh();
  }

  /** Run the hook now (or join the run under way) and remember its result. Never rejects. */
  refresh(): Promise<HealthSnapshot> {
    const hook = this.#hook;
    if (hook === undefined) return Promise.resolve(this.#own());
    this.#running ??= this.#run(hook).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #run(hook: HealthHook): Promise<HealthSnapshot> {
    const base = this.#own();
    try {
      this.#latest = (await runHostHook('health', (signal) => hook({ base, signal }), this.#limits, healthValidator)) as HealthSnapshot;
    } catch (error) {
      const failure = HostHookError.from('health', error);
      this.#report(failure);
      this.#latest = { ...this.#own(), ok: false, error: { code: failure.code, message: failure.message } };
    }
    return this.#latest;
  }
}
