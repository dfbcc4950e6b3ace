import type { PresenceEntry } from '@gatewire/protocol';
import type { BroadcastMessage, NodeRoute } from '@gatewire/server';

/** One entry of the cluster log, as JSON in the stream and on the bus. `g` is the gateway that wrote it. */
export type LogEntry =
  /** A broadcast. */
  | { readonly k: 'b'; readonly g: string; readonly m: BroadcastMessage }
  /** A presence entry of gateway `g` set (`e`) or deleted (no `e`). */
  | { readonly k: 'p'; readonly g: string; readonly key: string; readonly e?: PresenceEntry }
  /** A node registered on gateway `g` (`r`), or unregistered (`id` and `c`, its connection). */
  | { readonly k: 'n'; readonly g: string; readonly id: string; readonly r?: NodeRoute; readonly c?: string }
  /** Gateway `g` is gone (lease expired or goodbye): everything it registered is gone with it; `a` announces it. */
  | { readonly k: 'down'; readonly g: string; readonly a?: string };

/** Parse an entry; `undefined` for anything malformed (written by a foreign or newer writer). */
export function parseLogEntry(text: string): LogEntry | undefined {
  try {
    const entry = JSON.parse(text) as Partial<LogEntry> | null;
    if (entry === null || typeof entry !== 'object' || typeof entry.g !== 'string') return undefined;
    return entry.k === 'b' || entry.k === 'p' || entry.k === 'n' || entry.k === 'down' ? (entry as LogEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** A bus message `<epoch>:<offset>:<entry>`, split; `undefined` when malformed. */
export function parseBusMessage(text: string): { epoch: string; offset: number; entry: string } | undefined {
  const first = text.indexOf(':');
  const second = first < 0 ? -1 : text.indexOf(':', first + 1);
  if (second < 0) return undefined;
  const offset = Number(text.slice(first + 1, second));
  if (!Number.isSafeInteger(offset) || offset <= 0) return undefined;
  return { epoch: text.slice(0, first), offset, entry: text.slice(second + 1) };
}

/** The offset of a stream entry id `<offset>-0`. */
export function offsetOfStreamId(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}
