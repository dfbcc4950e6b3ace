import { expandScopes } from '@gatewire/protocol';

/** Distinct scope lists remembered at most; beyond that each connection gets its own set. */
const MAX_CACHED_SCOPE_LISTS = 256;

const cache = new Map<string, ReadonlySet<string>>();

/**
 * The expanded scope set (implications applied) of a granted scope list, shared by every connection
 * granted the same list: most connections hold one of a handful of lists, and a `Set` costs about
 * 250 bytes. The sets are read-only. The cache is bounded, so clients requesting many distinct
 * lists cannot grow it.
 */
export function sharedScopeSet(scopes: readonly string[]): ReadonlySet<string> {
  const key = scopes.join('\n');
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const expanded = expandScopes(scopes);
  if (cache.size < MAX_CACHED_SCOPE_LISTS) cache.set(key, expanded);
  return expanded;
}
