import type { LocalDelivery } from '@gatewire/server';
import type { ClusterView } from './cluster-view';
import { parseLogEntry } from './log-entry';
import type { ReaderSink } from './ordered-reader';

/**
 * Applies the cluster log, entry by entry in offset order (the {@link OrderedReader}'s sink), to
 * this gateway: broadcasts to its local connections, other gateways' presence and nodes to the
 * {@link ClusterView}, a gateway gone to its host and to the nodes it held. It keeps the presence
 * version (the offset of the last presence change) and counts lost gaps.
 */
export class LogApplier implements ReaderSink {
  readonly #gatewayId: string;
  readonly #view: ClusterView;
  readonly #gatewayGone: (gatewayId: string) => void;
  #local: LocalDelivery | undefined;
  #presenceVersion = 0;
  #lostGaps = 0;

  /** `gatewayGone` hears of another gateway leaving the cluster (before its nodes are dropped). */
  constructor(gatewayId: string, view: ClusterView, gatewayGone: (gatewayId: string) => void) {
    this.#gatewayId = gatewayId;
    this.#view = view;
    this.#gatewayGone = gatewayGone;
  }

  /** The offset of the last presence change applied. */
  get presenceVersion(): number {
    return this.#presenceVersion;
  }

  /** How many times entries were lost that the log no longer had. */
  get lostGaps(): number {
    return this.#lostGaps;
  }

  /** Start from a snapshot taken at `offset`. */
  startAt(offset: number): void {
    this.#presenceVersion = offset;
  }

  /** The local gateway to deliver to (`undefined` once closed). */
  setLocal(local: LocalDelivery | undefined): void {
    this.#local = local;
  }

  apply(offset: number, text: string): void {
    const entry = parseLogEntry(text);
    if (entry === undefined) return;
    if (entry.k === 'b') {
      const message = entry.m.event === 'presence' && entry.m.stateVersion !== undefined ? { ...entry.m, stateVersion: { ...entry.m.stateVersion, presence: this.#presenceVersion } } : entry.m;
      this.#local?.deliverBroadcast(message, offset);
      return;
    }
    if (entry.k === 'down') {
      this.#presenceVersion = offset;
      if (entry.g === this.#gatewayId) return;
      this.#gatewayGone(entry.g);
      for (const route of this.#view.dropGateway(entry.g)) this.#local?.nodeGone(route.connId);
      if (entry.a === this.#gatewayId) this.#local?.presenceChanged();
      return;
    }
    if (entry.g === this.#gatewayId) {
      if (entry.k === 'p') this.#presenceVersion = offset;
      return;
    }
    if (entry.k === 'p') {
      this.#presenceVersion = offset;
      if (entry.e === undefined) this.#view.deletePresence(entry.g, entry.key);
      else this.#view.setPresence(entry.g, entry.key, entry.e);
    } else if (entry.r !== undefined) {
      this.#view.setNode(entry.g, entry.r);
    } else if (entry.c !== undefined) {
      this.#view.deleteNode(entry.id, entry.c);
    }
  }

  lost(): void {
    this.#lostGaps += 1;
    this.#local?.skipLostBroadcasts();
  }

  /** Redis came back without the old log: forget other gateways (they register again). */
  epochChanged(): void {
    for (const route of this.#view.dropOthers(this.#gatewayId)) this.#local?.nodeGone(route.connId);
  }

  fetchFailed(): void {}
}
