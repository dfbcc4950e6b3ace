import type { HealthSnapshot, Snapshot, StatusResult } from '@gatewire/protocol';
import type { ConnectionInfo } from '../connection/connection-info';

/** What a {@link HealthHook} is told. */
export interface HealthHookContext {
  /** The gateway's own health (`ok` is false while it drains or its cluster back end is unreachable). */
  readonly base: HealthSnapshot;
  /** Aborts when the run passed `hostHookTimeoutMs` or the gateway closes. */
  readonly signal: AbortSignal;
}

/**
 * The host's health, as the `health` method, `hello-ok.snapshot.health`, the `health` event after
 * `hello-ok` and the periodic `health` events carry it (e.g. the reference gateway's
 * `HealthSummary`). It must keep the wire's `ok` and `ts` and be plain JSON.
 */
export type HealthHook = (context: HealthHookContext) => HealthSnapshot | Promise<HealthSnapshot>;

/** What a {@link StatusHook} is told. */
export interface StatusHookContext {
  /** The gateway's own `status` result (what the hook answers when it is not set). */
  readonly base: StatusResult;
  /**
   * Who called the `status` method (to show an `operator.admin` caller more, for example);
   * `undefined` when the host asked through `gateway.status()` without a caller.
   */
  readonly caller: ConnectionInfo | undefined;
  /** Aborts when the run passed `hostHookTimeoutMs`, the caller left (or aborted) or the gateway closes. */
  readonly signal: AbortSignal;
}

/**
 * The host's `status` result: the gateway's own fields (spread `context.base`, so `gatewire status`
 * keeps working) and the host's, as plain JSON. `S` is the result's type, which
 * `gateway.status()` resolves to.
 */
export type StatusHook<S extends StatusResult = StatusResult> = (context: StatusHookContext) => S | Promise<S>;

/** The `hello-ok.snapshot` fields the gateway owns; a {@link SnapshotHook} cannot set them. */
export const GATEWAY_SNAPSHOT_FIELDS = ['presence', 'health', 'stateVersion', 'uptimeMs', 'authMode'] as const;

/**
 * Fields a host adds to `hello-ok.snapshot` (the reference's `appliedConfigHash`, `sessionDefaults`,
 * `suspension`, …): any plain JSON besides the fields the gateway owns.
 */
export type SnapshotExtras = Omit<Partial<Snapshot>, (typeof GATEWAY_SNAPSHOT_FIELDS)[number]> & {
  readonly [K in (typeof GATEWAY_SNAPSHOT_FIELDS)[number]]?: never;
} & { readonly [field: string]: unknown };

/** What a {@link SnapshotHook} is told. */
export interface SnapshotHookContext {
  /** The connection being admitted (role, effective scopes, client): project per recipient. */
  readonly connection: ConnectionInfo;
  /** Aborts when the run passed `hostHookTimeoutMs` or the gateway closes. */
  readonly signal: AbortSignal;
}

/** The host's fields of one connection's `hello-ok.snapshot`. The handshake waits for it. */
export type SnapshotHook = (context: SnapshotHookContext) => SnapshotExtras | Promise<SnapshotExtras>;

/** The host hooks of a gateway, as options give them. */
export interface HostHooks {
  readonly health: HealthHook | undefined;
  readonly status: StatusHook | undefined;
  readonly snapshot: SnapshotHook | undefined;
}
