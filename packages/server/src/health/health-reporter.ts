import type { HealthSnapshot } from '@gatewire/protocol';
import type { HealthState } from '../host-hooks/health-state';

/** What the {@link HealthReporter} reads and where it publishes. */
export interface HealthSources {
  /** The health the gateway reports (its own, or the host hook's). */
  readonly state: HealthState;
  /** Whether the gateway is closing (its own health is not ok then, and nothing more is published). */
  draining(): boolean;
  /** Whether the cluster back end is reachable (`undefined` for an adapter that does not say). */
  adapterOk(): boolean | undefined;
  /** Broadcast a `health` event (it carries the state version). */
  publish(report: HealthSnapshot): void;
}

/**
 * The gateway's health and its state version: what the `health` method answers, what
 * `hello-ok.snapshot` and the `health` events carry, and the version that goes with them.
 */
export class HealthReporter {
  readonly #sources: HealthSources;
  #version = 1;

  constructor(sources: HealthSources) {
    this.#sources = sources;
  }

  /** The `health` state version (bumped by each {@link publish}). */
  get version(): number {
    return this.#version;
  }

  /** The gateway's own health: ok unless it is closing or its cluster back end is unreachable. */
  own(): HealthSnapshot {
    return { ok: !this.#sources.draining() && this.#sources.adapterOk() !== false, ts: Date.now(), durationMs: 0 };
  }

  /** The `health` method's answer: the gateway's own health, or the host hook's fresh run. */
  answer(): HealthSnapshot | Promise<HealthSnapshot> {
    const state = this.#sources.state;
    return state.hosted ? state.refresh() : this.own();
  }

  /**
   * Broadcast the health report (bumps the health state version): at once without a `health` hook,
   * after the hook's run with one (nothing once the gateway is closing).
   */
  publish(): void {
    const state = this.#sources.state;
    if (!state.hosted) {
      this.#broadcast(this.own());
      return;
    }
    void state.refresh().then((report) => {
      if (!this.#sources.draining()) this.#broadcast(report);
    });
  }

  #broadcast(report: HealthSnapshot): void {
    this.#version += 1;
    this.#sources.publish(report);
  }
}
