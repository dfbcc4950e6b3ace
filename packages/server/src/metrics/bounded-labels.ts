/** The label value given to anything past a label's bound. */
export const OTHER_LABEL = 'other';

/** The `method` label of a request to a method the gateway does not serve. */
export const UNREGISTERED_METHOD_LABEL = '(unregistered)';

/**
 * Keeps a label's values bounded: the first `limit` distinct values are used as they are, later
 * ones become {@link OTHER_LABEL}, so a label fed by clients or plugins cannot grow the series
 * without bound. The labels it guards come from fixed code tables; the bound is a backstop.
 */
export class BoundedLabel {
  readonly #seen = new Set<string>();
  readonly #limit: number;

  constructor(limit = 64) {
    this.#limit = limit;
  }

  of(value: string): string {
    if (this.#seen.has(value)) return value;
    if (this.#seen.size >= this.#limit) return OTHER_LABEL;
    this.#seen.add(value);
    return value;
  }
}
