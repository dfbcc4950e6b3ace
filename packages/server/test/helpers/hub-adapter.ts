import type { PresenceEntry } from '@gatewire/protocol';
import { InMemoryAdapter, type AdapterHealth, type BroadcastMessage, type LocalDelivery } from '../../src/index';

/**
 * An in-process "cluster" for seam tests: gateways joined to one hub share presence and receive
 * every broadcast in one hub-wide order, numbered from `firstOffset`. Not a model of Redis: the
 * adapter-redis tests cover that against a real server.
 */
export class TestHub {
  readonly members: HubAdapter[] = [];
  readonly presence = new Map<string, PresenceEntry>();
  offset: number;

  constructor(firstOffset = 1) {
    this.offset = firstOffset - 1;
  }

  adapter(): HubAdapter {
    const adapter = new HubAdapter(this);
    this.members.push(adapter);
    return adapter;
  }
}

export class HubAdapter extends InMemoryAdapter {
  readonly #hub: TestHub;
  local: LocalDelivery | undefined;
  healthState: AdapterHealth = { ok: true };

  constructor(hub: TestHub) {
    super();
    this.#hub = hub;
  }

  override start(local: LocalDelivery): void {
    super.start(local);
    this.local = local;
  }

  override publish(message: BroadcastMessage): void {
    this.#hub.offset += 1;
    for (const member of this.#hub.members) member.local?.deliverBroadcast(message, this.#hub.offset);
  }

  override setPresence(key: string, entry: PresenceEntry): void {
    this.#hub.presence.set(key, entry);
  }

  override deletePresence(key: string): void {
    this.#hub.presence.delete(key);
  }

  override listPresence(): PresenceEntry[] {
    return [...this.#hub.presence.values()];
  }

  presenceVersion(): number {
    return this.#hub.offset;
  }

  health(): AdapterHealth {
    return this.healthState;
  }
}
