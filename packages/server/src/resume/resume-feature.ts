import { CloseCodes, RESUME_CAPABILITY, type ResumeResult } from '@gatewire/protocol';
import type { BroadcastMessage, GatewayAdapter } from '../cluster/adapter';
import type { Connection } from '../connection/connection';
import type { ConnectionInfo } from '../connection/connection-info';
import type { MethodRegistry } from '../methods/method-registry';
import { InMemoryReplayStore, type ReplayStore } from './replay-store';
import { registerResumeMethod } from './resume-method';
import type { ResolvedResumeOptions } from './resume-options';

/**
 * The gateway side of `gatewire.resume.v1`: the replay store (from the adapter, in memory by
 * default), opening a stream for each connection that opted in, detaching it at close, the periodic
 * sweep and `gateway.resume`.
 */
export class ResumeFeature {
  readonly store: ReplayStore;

  constructor(options: ResolvedResumeOptions, adapter: GatewayAdapter) {
    this.store = adapter.createReplayStore?.(options) ?? new InMemoryReplayStore(options);
  }

  /**
   * Serve `gateway.resume`; `connection` finds a connection of this process by id, `answered` is
   * told each answer.
   */
  registerMethod(registry: MethodRegistry, connection: (connId: string) => Connection | undefined, answered: (connId: string, result: ResumeResult) => void): void {
    registerResumeMethod(registry, { replayStore: this.store, connection, answered });
  }

  /**
   * An authenticated connection: give it a stream when it sent the capability in `caps`. `opening`:
   * the events it receives before its live stream (the `health` right after `hello-ok`).
   */
  opened(connection: Connection, info: ConnectionInfo, opening: readonly BroadcastMessage[] = []): void {
    if (info.caps.includes(RESUME_CAPABILITY)) connection.replay = this.store.open(info, connection.liveFromSerial, opening);
  }

  /**
   * A connection closed with `code`: its stream (if any) is kept for the retention window, unless
   * the client itself closed normally (1000): a client that ends its session does not resume, and
   * keeping its stream would make every such connection cost the gateway memory for the whole window.
   */
  closed(connection: Connection, code: number): void {
    const stream = connection.replay;
    if (stream === undefined) return;
    if (code === CloseCodes.NORMAL && !connection.closedByGateway && this.store.discard !== undefined) this.store.discard(stream);
    else this.store.detach(stream, Date.now());
  }

  sweep(nowMs: number): void {
    this.store.sweep(nowMs);
  }

  clear(): void {
    this.store.clear();
  }
}
