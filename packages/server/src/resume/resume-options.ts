/** Resumable event streams (`gatewire.resume.v1`): how much a gateway keeps, and for how long. */
export interface ResumeOptions {
  /**
   * How long the events of a closed connection are kept (and keep being collected) for a
   * `gateway.resume`, ms. It is also the age limit of every stream's events, open connections'
   * included: an event broadcast longer ago than this is evicted (a resume from before it answers
   * `overflow`), so memory follows the event rate, not the life of the connections.
   * @default 120000
   */
  retentionMs?: number;
  /** Events kept per stream; the oldest are evicted first (a resume from before them answers `overflow`). @default 10000 */
  maxEvents?: number;
  /**
   * Serialized bytes kept per stream; the oldest events are evicted first. Must stay below
   * `maxPayloadBytes` so a full replay fits in one response.
   * @default 4194304 (or half of `maxPayloadBytes` when that is smaller)
   */
  maxBytes?: number;
}

/** {@link ResumeOptions} after defaults and checks. */
export interface ResolvedResumeOptions {
  readonly retentionMs: number;
  readonly maxEvents: number;
  readonly maxBytes: number;
}

/** Defaults of {@link ResumeOptions}. */
export const resumeDefaults = Object.freeze({
  retentionMs: 120_000,
  maxEvents: 10_000,
  maxBytes: 4 * 1024 * 1024,
});

/** Room left in a response for the `res` envelope around the replayed events, bytes. */
const RESPONSE_ENVELOPE_BYTES = 1024;

function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`gateway option resume.${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/** Apply {@link resumeDefaults}; `false` disables the extension. Throws a `TypeError` for invalid values. */
export function resolveResumeOptions(options: ResumeOptions | false | undefined, maxPayloadBytes: number): ResolvedResumeOptions | false {
  if (options === false) return false;
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TypeError('gateway option resume must be an object or false');
  }
  const limit = maxPayloadBytes - RESPONSE_ENVELOPE_BYTES;
  const maxBytes = positiveInteger('maxBytes', options?.maxBytes ?? Math.min(resumeDefaults.maxBytes, Math.floor(maxPayloadBytes / 2)));
  if (maxBytes > limit) {
    throw new TypeError(`gateway option resume.maxBytes (${maxBytes}) must be below maxPayloadBytes - ${RESPONSE_ENVELOPE_BYTES} (${limit})`);
  }
  return {
    retentionMs: positiveInteger('retentionMs', options?.retentionMs ?? resumeDefaults.retentionMs),
    maxEvents: positiveInteger('maxEvents', options?.maxEvents ?? resumeDefaults.maxEvents),
    maxBytes,
  };
}
