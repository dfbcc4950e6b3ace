import { CloseCodes } from '@gatewire/protocol';
import type { ConnectionRegistry } from '../connection/connection-registry';

/** The close reason of a socket evicted to make room in its address's unauthenticated budget. */
export const PREAUTH_EVICTED_REASON = 'evicted: too many unauthenticated connections from this address';

/**
 * Make room in a full per-IP budget of unauthenticated sockets: the address's oldest socket that
 * has not sent `connect` (else the oldest still being admitted) is closed 1013 with
 * {@link PREAUTH_EVICTED_REASON} and dropped at once, so it stops counting against the budget
 * before the newcomer is accepted and holds no memory while a closing handshake lingers.
 * Returns `false` when the address has no unauthenticated socket to evict.
 */
export function evictOldestUnauthenticated(registry: ConnectionRegistry, clientIp: string): boolean {
  const victim = registry.oldestUnauthenticated(clientIp);
  if (victim === undefined) return false;
  registry.releaseUnauthenticated(victim);
  victim.clearHandshakeTimer();
  victim.close(CloseCodes.TRY_AGAIN_LATER, PREAUTH_EVICTED_REASON);
  victim.terminate();
  return true;
}
