import { compileValidator, ErrorCodes, HostHookErrorCodes, Open, Snapshot, StatusResult, type HealthSnapshot } from '@gatewire/protocol';
import type { ConnectionInfo } from '../connection/connection-info';
import { HostHookError } from '../errors/host-hook-error';
import { MethodError } from '../errors/method-error';
import { HealthState } from './health-state';
import { GATEWAY_SNAPSHOT_FIELDS, type HealthHook, type SnapshotHook, type StatusHook } from './host-hook-options';
import type { JsonValue } from './json-copy';
import { runHostHook } from './run-host-hook';

const statusValidator = compileValidator(StatusResult);
/** The snapshot fields a host may set, with the types the wire gives the known ones. */
const snapshotExtrasValidator = compileValidator(Open({ suspension: Snapshot.properties.suspension }));
const gatewaySnapshotFields: ReadonlySet<string> = new Set(GATEWAY_SNAPSHOT_FIELDS);

/** The host's hooks and their bound, as the resolved options carry them. */
export interface HostHookSettings {
  readonly health: HealthHook | undefined;
  readonly status: StatusHook | undefined;
  readonly snapshot: SnapshotHook | undefined;
  readonly hostHookTimeoutMs: number;
}

/** What a handshake adds to its snapshot from the host: the health to report and the host's fields. */
export interface HostedSnapshot {
  readonly health: HealthSnapshot;
  readonly extras: { readonly [field: string]: JsonValue };
}

/**
 * Runs the host's `health`, `status` and `snapshot` hooks, bounded by `hostHookTimeoutMs` and
 * checked as plain JSON of the wire's shape. A failing hook never breaks the handshake: the gateway
 * falls back to its own value and reports a {@link HostHookError} through `report` (the gateway's
 * `error` event). {@link HostHooks.close} ends the runs under way.
 */
export class HostHooks {
  readonly health: HealthState;
  readonly #settings: HostHookSettings;
  readonly #closing = new AbortController();
  readonly #report: (error: HostHookError, connId?: string) => void;

  constructor(settings: HostHookSettings, ownHealth: () => HealthSnapshot, report: (error: HostHookError, connId?: string) => void) {
    this.#settings = settings;
    this.#report = report;
    this.health = new HealthState(settings.health, ownHealth, this.#limits(this.#closing.signal), (error) => report(error));
  }

  /** Whether a hook shapes `hello-ok.snapshot` (the handshake then waits for the host). */
  get shapeSnapshot(): boolean {
    return this.#settings.snapshot !== undefined || this.health.hosted;
  }

  /**
   * The `status` result for `caller` (`undefined` when the host asks): `base` without a hook, else
   * the host's result. A failing hook is reported and rejects with its {@link HostHookError}.
   */
  status(base: StatusResult, caller: ConnectionInfo | undefined, callerSignal: AbortSignal): StatusResult | Promise<StatusResult> {
    const hook = this.#settings.status;
    return hook === undefined ? base : this.#hostedStatus(hook, base, caller, callerSignal);
  }

  /**
   * The `status` method's answer: {@link status}, a failing hook answered `UNAVAILABLE` with
   * `details.code` one of the `HostHookErrorCodes` (retryable unless the result was invalid).
   */
  statusAnswer(base: StatusResult, caller: ConnectionInfo, callerSignal: AbortSignal): StatusResult | Promise<StatusResult> {
    const result = this.status(base, caller, callerSignal);
    if (!(result instanceof Promise)) return result;
    return result.catch((failure: HostHookError) => {
      const retryable = failure.code !== HostHookErrorCodes.HOST_HOOK_INVALID_RESULT;
      throw new MethodError(ErrorCodes.UNAVAILABLE, failure.message, { details: { code: failure.code }, retryable });
    });
  }

  async #hostedStatus(hook: StatusHook, base: StatusResult, caller: ConnectionInfo | undefined, callerSignal: AbortSignal): Promise<StatusResult> {
    try {
      const limits = this.#limits(AbortSignal.any([this.#closing.signal, callerSignal]));
      return (await runHostHook('status', (signal) => hook({ base, caller, signal }), limits, statusValidator)) as StatusResult;
    } catch (error) {
      const failure = HostHookError.from('status', error);
      this.#report(failure, caller?.connId);
      throw failure;
    }
  }

  /** The health and host fields of one connection's `hello-ok.snapshot`; never rejects. */
  async snapshotFor(connection: ConnectionInfo): Promise<HostedSnapshot> {
    const [health, extras] = await Promise.all([this.health.settled(), this.#extras(connection)]);
    return { health, extras };
  }

  /** End the hook runs under way (they fail `HOST_HOOK_FAILED`); later runs end at once. */
  close(): void {
    this.#closing.abort();
  }

  async #extras(connection: ConnectionInfo): Promise<HostedSnapshot['extras']> {
    const hook = this.#settings.snapshot;
    if (hook === undefined) return {};
    try {
      const extras = await runHostHook('snapshot', (signal) => hook({ connection, signal }), this.#limits(this.#closing.signal), snapshotExtrasValidator);
      const owned = Object.keys(extras as object).find((field) => gatewaySnapshotFields.has(field));
      if (owned !== undefined) throw new HostHookError('snapshot', HostHookErrorCodes.HOST_HOOK_INVALID_RESULT, `snapshot hook result is invalid: ${owned} belongs to the gateway`);
      return extras as HostedSnapshot['extras'];
    } catch (error) {
      this.#report(HostHookError.from('snapshot', error), connection.connId);
      return {};
    }
  }

  #limits(signal: AbortSignal) {
    return { timeoutMs: this.#settings.hostHookTimeoutMs, signal };
  }
}
