import type { MonitorMethodStats } from '@gatewire/protocol';
import { RequestWindow, type WindowStats } from './request-window';

/** The row that counts the methods beyond `maxMethods`. */
export const OTHER_METHODS_ROW = '(other)';

/**
 * Per-method request windows, at most `maxMethods` rows (later methods share the
 * {@link OTHER_METHODS_ROW} row), plus one window of every request for the gateway-wide figures.
 */
export class RequestTable {
  readonly #rows = new Map<string, RequestWindow>();
  readonly #all = new RequestWindow();
  readonly #maxMethods: number;
  /** Methods reported active by the last {@link RequestTable.changed}: one more report once they go idle. */
  #reportedActive = new Set<string>();

  constructor(maxMethods: number) {
    this.#maxMethods = maxMethods;
  }

  record(method: string, ok: boolean, durationMs: number, now: number): void {
    this.#row(method).record(durationMs, ok, now);
    this.#all.record(durationMs, ok, now);
  }

  /** Every request of every method over the window. */
  overall(now: number): WindowStats {
    return this.#all.stats(now);
  }

  /** Every row, busiest first. */
  rows(now: number): MonitorMethodStats[] {
    return [...this.#rows].map(([method, window]) => ({ method, ...window.stats(now) })).sort((left, right) => right.count - left.count);
  }

  /** Rows with requests in the window, and rows that went idle since the previous call. */
  changed(now: number): MonitorMethodStats[] {
    const active = new Set<string>();
    const out: MonitorMethodStats[] = [];
    for (const [method, window] of this.#rows) {
      const isActive = window.active(now);
      if (isActive) active.add(method);
      if (isActive || this.#reportedActive.has(method)) out.push({ method, ...window.stats(now) });
    }
    this.#reportedActive = active;
    return out;
  }

  #row(method: string): RequestWindow {
    const existing = this.#rows.get(method);
    if (existing !== undefined) return existing;
    const name = this.#rows.size < this.#maxMethods - 1 || method === OTHER_METHODS_ROW ? method : OTHER_METHODS_ROW;
    let row = this.#rows.get(name);
    if (row === undefined) {
      row = new RequestWindow();
      this.#rows.set(name, row);
    }
    return row;
  }
}
