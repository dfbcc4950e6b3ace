/** The operator monitor feed (`monitor.*` methods): how often it updates and how much it keeps. */
export interface MonitorOptions {
  /** At most one `monitor.update` per subscriber per interval (changes in between are coalesced), ms. @default 250 */
  updateIntervalMs?: number;
  /** Methods with a row of their own in the request table; later ones are counted under `(other)`. @default 64 */
  maxMethods?: number;
  /** Connections listed in a snapshot (the oldest first; `connectionsTruncated` says when more exist). @default 500 */
  maxConnectionsListed?: number;
  /** Opened plus closed connections one update carries; beyond it the update asks for a resync. @default 200 */
  maxConnectionChangesPerUpdate?: number;
  /** Incidents (refusals, slow-consumer closes) kept for snapshots. @default 100 */
  incidentsKept?: number;
  /** Recent events kept for snapshots. @default 100 */
  recentEventsKept?: number;
}

/** {@link MonitorOptions} after defaults and checks. */
export type ResolvedMonitorOptions = { readonly [K in keyof MonitorOptions]-?: number };

/** Defaults of {@link MonitorOptions}. */
export const monitorDefaults: ResolvedMonitorOptions = Object.freeze({
  updateIntervalMs: 250,
  maxMethods: 64,
  maxConnectionsListed: 500,
  maxConnectionChangesPerUpdate: 200,
  incidentsKept: 100,
  recentEventsKept: 100,
});

/**
 * The sliding window behind rates and percentiles: {@link MONITOR_WINDOW_SLOTS} slots of
 * {@link MONITOR_SLOT_MS} each (10 s).
 */
export const MONITOR_SLOT_MS = 1000;
/** See {@link MONITOR_SLOT_MS}. */
export const MONITOR_WINDOW_SLOTS = 10;

/** Apply {@link monitorDefaults}; `false` disables the feed. Throws a `TypeError` for invalid values. */
export function resolveMonitorOptions(options: MonitorOptions | false | undefined): ResolvedMonitorOptions | false {
  if (options === false) return false;
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TypeError('gateway option monitor must be an object or false');
  }
  const resolved = { ...monitorDefaults };
  for (const key of Object.keys(monitorDefaults) as (keyof MonitorOptions)[]) {
    const value = options?.[key] ?? monitorDefaults[key];
    if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`gateway option monitor.${key} must be a positive integer, got ${String(value)}`);
    resolved[key] = value;
  }
  return resolved;
}
