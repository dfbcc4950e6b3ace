import type { ConnectionInfo } from '../connection/connection-info';
import { sharedScopeSet } from '../connection/scope-sets';
import type { SerializedBroadcast } from '../events/serialized-broadcast';
import { ReplayBuffer, type ReplayBufferLimits } from './replay-buffer';

/** Who owned a stream: the facts `gateway.resume` checks a caller against. */
export type StreamOwner = Pick<ConnectionInfo, 'connId' | 'role' | 'scopes' | 'deviceId' | 'authMethod' | 'user'>;

/**
 * The event stream of one opted-in connection: its replay buffer (which also hands out the `seq`),
 * its owner and scope guard, and where it is in its life: live, detached (the connection closed; it
 * keeps collecting what the connection would have received), or claimed (another connection resumed
 * it; it collects nothing more and replays stop where the claimer's live stream began).
 */
export class ReplayStream {
  readonly owner: StreamOwner;
  readonly buffer: ReplayBuffer;
  /** Serial of the first broadcast delivered after this connection started receiving broadcasts. */
  readonly liveFromSerial: number;
  readonly #scopeSet: ReadonlySet<string>;
  /** When the connection closed (ms since the epoch), or `undefined` while it is open. */
  detachedAtMs: number | undefined;
  /** Set once another connection resumed this one: replays stop before this broadcast serial. */
  claimedBeforeSerial: number | undefined;

  constructor(owner: StreamOwner, liveFromSerial: number, limits: ReplayBufferLimits) {
    this.owner = owner;
    this.liveFromSerial = liveFromSerial;
    this.buffer = new ReplayBuffer(limits);
    this.#scopeSet = sharedScopeSet(owner.scopes);
  }

  get connId(): string {
    return this.owner.connId;
  }

  /** The same guard as the connection had: `everyone`, or an operator holding the scope. */
  canReceive(scope: string): boolean {
    if (scope === 'everyone') return true;
    if (scope === 'node') return false;
    return this.owner.role === 'operator' && this.#scopeSet.has(scope);
  }

  /** Record a broadcast under the next `seq`; returns it. */
  record(broadcast: SerializedBroadcast): number {
    return this.buffer.append(broadcast);
  }
}
