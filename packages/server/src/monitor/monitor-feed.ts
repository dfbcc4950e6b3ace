import {
  MONITOR_LATENCY_BUCKETS_MS,
  type MonitorClosedConnection,
  type MonitorConnection,
  type MonitorIncident,
  type MonitorRecentEvent,
  type MonitorSnapshot,
  type MonitorTotals,
  type MonitorUpdateEvent,
  type StatusResult,
} from '@gatewire/protocol';
import type { ConnectionInfo } from '../connection/connection-info';
import { monitorConnectionOf } from './monitor-connection';
import { MONITOR_SLOT_MS, MONITOR_WINDOW_SLOTS, type ResolvedMonitorOptions } from './monitor-options';
import { RecentRing } from './recent-ring';
import { RequestTable } from './request-table';
import type { WindowStats } from './request-window';

/** What the feed reads from the gateway when it reports. */
export interface MonitorSources {
  readonly bootId: string;
  readonly serverVersion: string;
  readonly startedAtMs: number;
  /** The authenticated connections, oldest first. */
  connections(): Iterable<ConnectionInfo>;
  connectionCounts(): StatusResult['connections'];
  load(): { readonly pendingRequests: number; readonly queueDepth: number; readonly queueLimit: number };
}

/** An incident as reported to the feed (it adds the time). */
export type MonitorIncidentInput = Omit<MonitorIncident, 'ts'>;

/** Subscribers hear at least this often, so rates, queue and ages stay fresh on a quiet gateway, ms. */
export const MONITOR_HEARTBEAT_MS = 1000;

/**
 * The operator view of one gateway: request windows per method, incidents and recent events in
 * bounded rings, and, while someone follows (`monitor.subscribe`), the connection changes since the
 * previous update. Everything it keeps is bounded by {@link ResolvedMonitorOptions}.
 */
export class MonitorFeed {
  readonly #options: ResolvedMonitorOptions;
  readonly #sources: MonitorSources;
  readonly #requests: RequestTable;
  readonly #incidents: RecentRing<MonitorIncident>;
  readonly #events: RecentRing<MonitorRecentEvent>;
  #opened: MonitorConnection[] = [];
  #closed: MonitorClosedConnection[] = [];
  #overflowed = false;
  #incidentMark = 0;
  #eventMark = 0;
  #lastUpdateAtMs = 0;
  #refusals = 0;
  #slowConsumerCloses = 0;
  /** Connection changes are collected only while someone follows (a snapshot covers the rest). */
  #following = false;
  updateSeq = 0;

  constructor(options: ResolvedMonitorOptions, sources: MonitorSources) {
    this.#options = options;
    this.#sources = sources;
    this.#requests = new RequestTable(options.maxMethods);
    this.#incidents = new RecentRing(options.incidentsKept);
    this.#events = new RecentRing(options.recentEventsKept);
  }

  /** Someone follows now (or nobody does any more): start collecting changes from here, or stop. */
  setFollowing(following: boolean): void {
    if (following && !this.#following) this.#startNextUpdate();
    this.#following = following;
  }

  requestDone(method: string, ok: boolean, durationMs: number, now = Date.now()): void {
    this.#requests.record(method, ok, durationMs, now);
  }

  connectionOpened(info: ConnectionInfo): void {
    if (this.#following && this.#roomForChange()) this.#opened.push(monitorConnectionOf(info));
  }

  connectionClosed(connId: string, code: number, reason: string): void {
    if (this.#following && this.#roomForChange()) this.#closed.push({ connId, ts: Date.now(), code, reason });
  }

  incident(input: MonitorIncidentInput): void {
    if (input.kind === 'slow-consumer') this.#slowConsumerCloses += 1;
    else this.#refusals += 1;
    this.#incidents.push({ ts: Date.now(), ...input });
  }

  /** A broadcast went out; repeats of the same event not yet reported are coalesced. */
  eventSent(event: string): void {
    const last = this.#events.since(this.#eventMark).at(-1);
    if (last !== undefined && last.event === event) {
      last.count += 1;
      last.ts = Date.now();
      return;
    }
    this.#events.push({ ts: Date.now(), event, count: 1 });
  }

  /** Every request of the window that ends `now` (what `status` reports as its latency). */
  overallLatency(now = Date.now()): WindowStats {
    return this.#requests.overall(now);
  }

  snapshot(now = Date.now()): MonitorSnapshot {
    const connections: MonitorConnection[] = [];
    let truncated = false;
    for (const info of this.#sources.connections()) {
      if (connections.length >= this.#options.maxConnectionsListed) {
        truncated = true;
        break;
      }
      connections.push(monitorConnectionOf(info));
    }
    return {
      ts: now,
      bootId: this.#sources.bootId,
      serverVersion: this.#sources.serverVersion,
      uptimeMs: now - this.#sources.startedAtMs,
      windowMs: MONITOR_SLOT_MS * MONITOR_WINDOW_SLOTS,
      latencyBucketsMs: [...MONITOR_LATENCY_BUCKETS_MS],
      updateSeq: this.updateSeq,
      totals: this.#totals(now),
      connections,
      connectionsTruncated: truncated,
      methods: this.#requests.rows(now),
      incidents: this.#incidents.items(),
      recentEvents: this.#events.items(),
    };
  }

  /**
   * The update for subscribers: what changed since the previous one, or `undefined` when nothing
   * did and the previous one is younger than {@link MONITOR_HEARTBEAT_MS}.
   */
  takeUpdate(now = Date.now()): MonitorUpdateEvent | undefined {
    const methods = this.#requests.changed(now);
    const changed = this.#opened.length > 0 || this.#closed.length > 0 || this.#overflowed || methods.length > 0 || this.#incidents.pushed > this.#incidentMark || this.#events.pushed > this.#eventMark;
    if (!changed && now - this.#lastUpdateAtMs < MONITOR_HEARTBEAT_MS) return undefined;
    this.updateSeq += 1;
    const update: MonitorUpdateEvent = {
      ts: now,
      updateSeq: this.updateSeq,
      totals: this.#totals(now),
      opened: this.#opened,
      closed: this.#closed,
      methods,
      incidents: this.#incidents.since(this.#incidentMark),
      recentEvents: this.#events.since(this.#eventMark),
      resync: this.#overflowed,
    };
    this.#startNextUpdate();
    this.#lastUpdateAtMs = now;
    return update;
  }

  /** The next update starts from here: no connection change, incident or event reported yet. */
  #startNextUpdate(): void {
    this.#opened = [];
    this.#closed = [];
    this.#overflowed = false;
    this.#incidentMark = this.#incidents.pushed;
    this.#eventMark = this.#events.pushed;
  }

  #roomForChange(): boolean {
    if (this.#opened.length + this.#closed.length < this.#options.maxConnectionChangesPerUpdate) return true;
    this.#overflowed = true;
    return false;
  }

  #totals(now: number): MonitorTotals {
    const overall = this.#requests.overall(now);
    return {
      connections: this.#sources.connectionCounts(),
      requestsPerSecond: overall.ratePerSecond,
      p50Ms: overall.p50Ms,
      p99Ms: overall.p99Ms,
      ...this.#sources.load(),
      refusals: this.#refusals,
      slowConsumerCloses: this.#slowConsumerCloses,
    };
  }
}
