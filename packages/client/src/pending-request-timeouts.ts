/** A request with a deadline, as {@link PendingRequestTimeouts} sees it. */
export interface TimedRequest {
  /** `Date.now()` at which it times out. */
  readonly deadline: number;
  /** The deadline passed: fail with `REQUEST_TIMEOUT` (which removes it from the timeouts). */
  timeOut(): void;
}

/**
 * The timeouts of every pending request of a client, on one timer instead of one per request. The
 * timer is armed for the earliest deadline; when it fires it times out every request due and
 * re-arms for the next. With the default timeout, deadlines arrive in order, so a new request
 * never re-arms it. With nothing pending the timer is unreferenced (Node), so it never keeps a
 * process alive that previously would have exited.
 */
export class PendingRequestTimeouts {
  readonly #requests = new Set<TimedRequest>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The deadline the timer is armed for (`Infinity` when disarmed). */
  #armedFor = Number.POSITIVE_INFINITY;

  /** Number of requests with a deadline. */
  get size(): number {
    return this.#requests.size;
  }

  add(request: TimedRequest): void {
    this.#requests.add(request);
    if (request.deadline < this.#armedFor) this.#arm(request.deadline);
    else if (this.#requests.size === 1) refTimer(this.#timer);
  }

  remove(request: TimedRequest): void {
    if (this.#requests.delete(request) && this.#requests.size === 0) unrefTimer(this.#timer);
  }

  #arm(deadline: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#armedFor = deadline;
    this.#timer = setTimeout(this.#fire, Math.max(1, deadline - Date.now()));
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    this.#armedFor = Number.POSITIVE_INFINITY;
    const now = Date.now();
    const due: TimedRequest[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (const request of this.#requests) {
      if (request.deadline <= now) due.push(request);
      else if (request.deadline < next) next = request.deadline;
    }
    for (const request of due) request.timeOut();
    if (next < this.#armedFor && this.#requests.size > 0) this.#arm(next);
  };
}

function refTimer(timer: ReturnType<typeof setTimeout> | undefined): void {
  (timer as { ref?: () => void } | undefined)?.ref?.();
}

function unrefTimer(timer: ReturnType<typeof setTimeout> | undefined): void {
  (timer as { unref?: () => void } | undefined)?.unref?.();
}
