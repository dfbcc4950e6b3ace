import { randomUUID } from 'node:crypto';
import type { NodeRoute } from '@gatewire/server';
import type { ClusterKeys } from './keys';
import type { LogEntry } from './log-entry';
import { Outbox, type OutboxItem } from './outbox';
import type { RedisConnection } from './redis-connection';
import type { ScriptRunner } from './script-runner';

/** Delay before sending the outbox again after a failed write while the connection is ready, ms. */
const RESEND_DELAY_MS = 50;

/** What the {@link LogWriter} asks of its adapter. */
export interface LogWriterHost {
  /** Whether writes may be sent now (Redis connected; while closing, the command connection still ready). */
  canSend(): boolean;
  /** Redis placed this gateway's entry at `offset` of `epoch`: apply it in order. */
  sequenced(epoch: string, offset: number, entry: string): void;
}

/**
 * Writes this gateway's changes (broadcasts, its presence, its nodes) into the cluster log through
 * the sequencer script, in order, each exactly once: queued in the {@link Outbox} until Redis
 * acknowledges them, all sent again after a failure (a repeat is a no-op in Redis).
 */
export class LogWriter {
  readonly #outbox = new Outbox();
  readonly #command: RedisConnection;
  readonly #scripts: ScriptRunner;
  readonly #keys: ClusterKeys;
  readonly #gatewayId: string;
  readonly #maxLogEntries: string;
  readonly #host: LogWriterHost;

  constructor(command: RedisConnection, scripts: ScriptRunner, keys: ClusterKeys, gatewayId: string, maxLogEntries: number, host: LogWriterHost) {
    this.#command = command;
    this.#scripts = scripts;
    this.#keys = keys;
    this.#gatewayId = gatewayId;
    this.#maxLogEntries = String(maxLogEntries);
    this.#host = host;
  }

  /** Writes not yet acknowledged by Redis. */
  get size(): number {
    return this.#outbox.size;
  }

  /** Queue `entry` (with the side-hash change `op field value` the sequencer applies with it) and send what can be sent. */
  append(entry: LogEntry, op: string, field: string, value: string): void {
    const text = JSON.stringify(entry);
    const sideHash = entry.k === 'n' ? this.#keys.nodes : this.#keys.presence(this.#gatewayId);
    const keys = [this.#keys.meta, this.#keys.log, sideHash, this.#keys.gatewayNodes(this.#gatewayId)];
    this.#outbox.push(keys, (number) => [randomUUID(), this.#keys.bus, this.#maxLogEntries, this.#gatewayId, String(number), text, op, field, value], text);
    this.flush();
  }

  /** Queue this gateway's node `route` (registered, or registered again). */
  appendNode(route: NodeRoute): void {
    this.append({ k: 'n', g: this.#gatewayId, id: route.nodeId, r: route }, 'node', route.nodeId, JSON.stringify({ g: this.#gatewayId, route }));
  }

  /** Send every write not sent yet (when the host allows it). */
  flush(): void {
    if (!this.#host.canSend()) return;
    for (const item of this.#outbox.takeUnsent()) this.#send(item);
  }

  /** The connection was lost: every unacknowledged write is sent again once it is back. */
  resendAll(): void {
    this.#outbox.resendAll();
  }

  /** Resolves once every write is acknowledged, or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    return new Promise((resolve) => {
      const check = () => {
        if (this.#outbox.size === 0 || Date.now() >= deadline) resolve();
        else setTimeout(check, 10);
      };
      check();
    });
  }

  #send(item: OutboxItem): void {
    this.#scripts.sequence(item.keys, item.args).then(
      (reply) => {
        this.#outbox.acknowledge(item);
        if (reply.offset > 0) this.#host.sequenced(reply.epoch, reply.offset, item.entry);
      },
      () => {
        this.#outbox.resendAll();
        if (this.#command.isReady) setTimeout(() => this.flush(), RESEND_DELAY_MS).unref();
      },
    );
  }
}
