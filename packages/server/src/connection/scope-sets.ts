import { expandScopes } from '@gatewire/protocol';

/** Distinct scope lists remembered at most; beyond that each connection gets its own set. */
const MAX_CACHED_SCOPE_LISTS = 256;

const cache = new Map<string, ReadonlySet<string>>();

/** The last frozen list asked for and its set (see {@link remember}). */
let last: { readonly scopes: readonly string[] | undefined; readonly set: ReadonlySet<string> } = { scopes: undefined, set: new Set() };

/**
 * The expanded scope set (implications applied) of a granted scope list, shared by every connection
 * granted the same list: most connections hold one of a handful of lists, and a `Set` costs about
 * 250 bytes. The sets are read-only. The cache is bounded, so clients requesting many distinct
 * lists cannot grow it.
 */
export function sharedScopeSet(scopes: readonly string[]): ReadonlySet<string> {
  if (scopes === last.scopes) return last.set;
  const key = scopes.join('\n');
  const cached = cache.get(key);
  if (cached !== undefined) return remember(scopes, cached);
  const expanded = expandScopes(scopes);
  if (cache.size < MAX_CACHED_SCOPE_LISTS) cache.set(key, expanded);
  return remember(scopes, expanded);
}

/**
 * Keep the set of a frozen list (the connection info's shared lists are): the next connection
 * granted the same list object gets its set without joining the list. A list that may still change
 * is not kept.
 */
function remember(scopes: readonly string[], set: ReadonlySet<string>): ReadonlySet<string> {
  if (Object.isFrozen(scopes)) last = { scopes, set };
  return set;
}
