import type {
  MonitorConnection,
  MonitorIncident,
  MonitorMethodStats,
  MonitorRecentEvent,
  MonitorSnapshot,
  MonitorTotals,
  MonitorUpdateEvent,
} from '@gatewire/protocol/lite';

/** A connection as a viewer shows it: closed ones stay listed (marked) for {@link CLOSED_KEPT_MS}. */
export interface ViewedConnection extends MonitorConnection {
  closedAtMs?: number;
  closeCode?: number;
  closeReason?: string;
}

/** One point of a method's history (one per update). */
export interface HistoryPoint {
  readonly ts: number;
  readonly ratePerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** How long a closed connection stays on screen, so one that lived for a moment is still seen, ms. */
export const CLOSED_KEPT_MS = 5000;
/** Points of history kept per method (and overall). */
export const HISTORY_POINTS = 120;
/** Incidents and events a viewer keeps. */
const KEPT_ITEMS = 100;

/** The row that holds the gateway-wide history. */
export const OVERALL = '*';

/**
 * What a monitor viewer (the `/monitor` page, the terminal dashboard) knows: the snapshot with
 * every later `monitor.update` applied. Bounded: closed connections expire, histories and lists are
 * capped. Browser-safe (no Node module).
 */
export class MonitorState {
  readonly connections = new Map<string, ViewedConnection>();
  readonly methods = new Map<string, MonitorMethodStats>();
  readonly history = new Map<string, HistoryPoint[]>();
  incidents: MonitorIncident[] = [];
  recentEvents: MonitorRecentEvent[] = [];
  totals: MonitorTotals | undefined;
  serverVersion = '';
  bootId = '';
  /** Gateway start, in the gateway's clock (epoch ms). */
  startedAtMs = 0;
  /** Gateway time of the last snapshot or update. */
  ts = 0;
  updateSeq = 0;
  /** Connections seen opening and closing since this viewer started (short-lived ones included). */
  openedSeen = 0;
  closedSeen = 0;

  applySnapshot(snapshot: MonitorSnapshot): void {
    this.connections.clear();
    for (const connection of snapshot.connections) this.connections.set(connection.connId, { ...connection });
    this.methods.clear();
    for (const row of snapshot.methods) this.methods.set(row.method, row);
    this.incidents = [...snapshot.incidents];
    this.recentEvents = [...snapshot.recentEvents];
    this.totals = snapshot.totals;
    this.serverVersion = snapshot.serverVersion;
    this.bootId = snapshot.bootId;
    this.startedAtMs = snapshot.ts - snapshot.uptimeMs;
    this.ts = snapshot.ts;
    this.updateSeq = snapshot.updateSeq;
    this.#record(snapshot.ts, snapshot.methods, snapshot.totals);
  }

  /**
   * Apply an update. `"resync"` when it cannot be applied (an update was skipped for us, or the
   * gateway says too much happened): take a new snapshot. Updates older than the state are ignored.
   */
  applyUpdate(update: MonitorUpdateEvent): 'applied' | 'resync' | 'stale' {
    if (update.updateSeq <= this.updateSeq) return 'stale';
    if (update.resync || update.updateSeq !== this.updateSeq + 1) return 'resync';
    this.updateSeq = update.updateSeq;
    this.ts = update.ts;
    this.totals = update.totals;
    for (const connection of update.opened) this.connections.set(connection.connId, { ...connection });
    this.openedSeen += update.opened.length;
    this.closedSeen += update.closed.length;
    for (const closed of update.closed) {
      const known = this.connections.get(closed.connId);
      if (known !== undefined) Object.assign(known, { closedAtMs: closed.ts, closeCode: closed.code, closeReason: closed.reason });
    }
    for (const row of update.methods) this.methods.set(row.method, row);
    this.incidents = [...this.incidents, ...update.incidents].slice(-KEPT_ITEMS);
    this.recentEvents = [...this.recentEvents, ...update.recentEvents].slice(-KEPT_ITEMS);
    this.#record(update.ts, update.methods, update.totals);
    this.#expireClosed(update.ts);
    return 'applied';
  }

  /** Live connections first (oldest first), then the recently closed ones. */
  connectionList(): ViewedConnection[] {
    const all = [...this.connections.values()];
    return [...all.filter((connection) => connection.closedAtMs === undefined), ...all.filter((connection) => connection.closedAtMs !== undefined)];
  }

  /** Methods by requests in the window, busiest first. */
  topMethods(): MonitorMethodStats[] {
    return [...this.methods.values()].sort((left, right) => right.count - left.count || left.method.localeCompare(right.method));
  }

  #record(ts: number, rows: readonly MonitorMethodStats[], totals: MonitorTotals): void {
    for (const row of rows) this.#push(row.method, { ts, ratePerSecond: row.ratePerSecond, p50Ms: row.p50Ms, p99Ms: row.p99Ms });
    this.#push(OVERALL, { ts, ratePerSecond: totals.requestsPerSecond, p50Ms: totals.p50Ms, p99Ms: totals.p99Ms });
  }

  #push(key: string, point: HistoryPoint): void {
    let points = this.history.get(key);
    if (points === undefined) {
      points = [];
      this.history.set(key, points);
    }
    points.push(point);
    if (points.length > HISTORY_POINTS) points.splice(0, points.length - HISTORY_POINTS);
  }

  #expireClosed(now: number): void {
    for (const [connId, connection] of this.connections) {
      if (connection.closedAtMs !== undefined && now - connection.closedAtMs > CLOSED_KEPT_MS) this.connections.delete(connId);
    }
  }
}

