import { formatGatewayInfo, type GatewayInfo } from './gateway-info';
import type { ClusterKeys } from './keys';
import type { RedisConnection } from './redis-connection';
import type { ResolvedRedisAdapterOptions } from './redis-adapter-options';
import type { ScriptRunner } from './script-runner';

/** Renew intervals a renewal may wait for Redis before the adapter says degraded (`redis not answering`). */
const STALLED_AFTER_INTERVALS = 2;

/** What the {@link LeaseRenewal} asks of its adapter. */
export interface LeaseHost {
  /** This gateway's info to publish with its lease (start time, live connection counts). */
  ownInfo(): GatewayInfo;
  /** The lease had expired (or Redis lost it): register this gateway's presence and nodes again. */
  leaseLost(): void;
  /** A renewal completed: catch up on the log. */
  renewed(): void;
}

/**
 * This gateway's liveness in the cluster: its lease renewed each `renewIntervalMs` (with its
 * gateway info), the leases of expired gateways evicted, the cluster's gateway info read back. A
 * renewal still waiting for Redis after two intervals marks the connection stalled.
 */
export class LeaseRenewal {
  readonly #command: RedisConnection;
  readonly #scripts: ScriptRunner;
  readonly #keys: ClusterKeys;
  readonly #options: ResolvedRedisAdapterOptions;
  readonly #gatewayId: string;
  readonly #host: LeaseHost;
  #renewing = false;
  /** When the renewal in progress started (`Date.now()`). */
  #renewStartedAtMs = 0;
  /** A renewal has waited two intervals for Redis: connected, but not answering. */
  #stalled = false;
  /** The gateway-info hash as last read (each renewal), gateway id → info JSON. */
  #gatewayInfo: Record<string, string> = {};

  constructor(command: RedisConnection, scripts: ScriptRunner, keys: ClusterKeys, options: ResolvedRedisAdapterOptions, gatewayId: string, host: LeaseHost) {
    this.#command = command;
    this.#scripts = scripts;
    this.#keys = keys;
    this.#options = options;
    this.#gatewayId = gatewayId;
    this.#host = host;
  }

  /** Whether a renewal has waited two intervals for Redis (connected, but not answering). */
  get stalled(): boolean {
    return this.#stalled;
  }

  /** The cluster's gateway-info hash as last read, gateway id → info JSON. */
  get gatewayInfo(): Readonly<Record<string, string>> {
    return this.#gatewayInfo;
  }

  /** Take the lease at start (no re-registration: nothing is registered yet). */
  takeFirst(): Promise<void> {
    return this.#renew(true);
  }

  /** Whether a renewal is still in progress at `nowMs` (marking it stalled once it waited too long). */
  inProgress(nowMs: number): boolean {
    if (!this.#renewing) return false;
    if (nowMs - this.#renewStartedAtMs >= STALLED_AFTER_INTERVALS * this.#options.renewIntervalMs) this.#stalled = true;
    return true;
  }

  /** Renew now: the lease, then evict expired gateways, then read the gateway info. */
  renew(nowMs: number): void {
    this.#renewing = true;
    this.#renewStartedAtMs = nowMs;
    this.#renew(false)
      .then(() => this.#scripts.evict(this.#keys, this.#options, ''))
      .then(() => this.#command.hGetAll(this.#keys.gatewayInfo))
      .then((hash) => {
        this.#gatewayInfo = hash;
        this.#host.renewed();
      })
      .catch(() => {})
      .finally(() => {
        this.#renewing = false;
        this.#stalled = false;
      });
  }

  async #renew(first: boolean): Promise<void> {
    const hadLease = await this.#scripts.renew(this.#keys, this.#options, this.#gatewayId, formatGatewayInfo(this.#host.ownInfo()));
    if (!hadLease && !first) this.#host.leaseLost();
  }
}
