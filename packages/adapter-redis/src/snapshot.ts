import type { PresenceEntry } from '@gatewire/protocol';
import type { NodeRoute } from '@gatewire/server';
import type { ClusterView } from './cluster-view';
import type { ScriptReply } from './script-runner';

/** Pairs of a flat `[field, value, field, value, …]` list. */
function pairs(list: unknown): Array<[string, string]> {
  if (!Array.isArray(list)) return [];
  const out: Array<[string, string]> = [];
  for (let index = 0; index + 1 < list.length; index += 2) out.push([String(list[index]), String(list[index + 1])]);
  return out;
}

function parse<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/**
 * Fill `view` with the other gateways' presence and nodes from a snapshot reply; returns the epoch
 * and offset the snapshot matches (entries after it are applied on top).
 */
export function applySnapshot(view: ClusterView, reply: ScriptReply, selfId: string): { epoch: string; offset: number } {
  const epoch = String(reply[0]);
  const offset = Number(reply[1] ?? 0);
  for (const [nodeId, text] of pairs(reply[2])) {
    const location = parse<{ g: string; route: NodeRoute }>(text);
    if (location !== undefined && location.g !== selfId && location.route.nodeId === nodeId) view.setNode(location.g, location.route);
  }
  for (let index = 3; index + 1 < reply.length; index += 2) {
    const gatewayId = String(reply[index]);
    if (gatewayId === selfId) continue;
    for (const [key, text] of pairs(reply[index + 1])) {
      const entry = parse<PresenceEntry>(text);
      if (entry !== undefined) view.setPresence(gatewayId, key, entry);
    }
  }
  return { epoch, offset };
}
