/**
 * Coalesces presence changes into at most one `presence` broadcast per window. The first change
 * after a quiet window is broadcast at once (a single connect or disconnect is seen without
 * delay); later changes inside the window are folded into one broadcast at its end, carrying the
 * list and state version current then. A client churning connections therefore costs every
 * operator at most one full presence list per window, instead of one per change.
 */
export class PresenceCoalescer {
  readonly #broadcast: () => void;
  readonly #windowMs: number;
  #timer: NodeJS.Timeout | undefined;
  #pending = false;

  constructor(broadcast: () => void, windowMs: number) {
    this.#broadcast = broadcast;
    this.#windowMs = windowMs;
  }

  /** Presence changed: broadcast now if the window is quiet, else once at its end. */
  changed(): void {
    if (this.#timer !== undefined) {
      this.#pending = true;
      return;
    }
    this.#broadcast();
    this.#openWindow();
  }

  /** Drop any pending broadcast and stop the timer (at shutdown). */
  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = false;
  }

  #openWindow(): void {
    this.#timer = setTimeout(closeWindow, this.#windowMs, this);
    this.#timer.unref();
  }

  /** The window ended: send the folded changes, if any, and open the next window. */
  windowEnded(): void {
    this.#timer = undefined;
    if (!this.#pending) return;
    this.#pending = false;
    this.#broadcast();
    this.#openWindow();
  }
}

function closeWindow(coalescer: PresenceCoalescer): void {
  coalescer.windowEnded();
}
