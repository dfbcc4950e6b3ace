import type { HealthSnapshot, PresenceEntry, Snapshot } from '@gatewire/protocol';
import type { HostedSnapshot } from '../host-hooks/host-hooks';
import type { AuthMode } from '../options/auth-options';

/** The gateway state a `hello-ok.snapshot` is taken from. */
export interface SnapshotSources {
  readonly presence: { list(): PresenceEntry[]; readonly version: number };
  /** The gateway's own health (used when no host hook shapes it) and the health state version. */
  readonly health: { own(): HealthSnapshot; readonly version: number };
  readonly startedAtMs: number;
  readonly authMode: AuthMode;
}

/**
 * `hello-ok.snapshot`: the gateway's state now (presence, health, their versions, uptime, auth
 * mode), with the host's health and fields when hooks shape it. Taken right before `hello-ok` is
 * sent, so its versions match the connection's live event stream.
 */
export function buildHelloSnapshot(sources: SnapshotSources, hosted: HostedSnapshot | undefined): Snapshot {
  const own: Snapshot = {
    presence: sources.presence.list(),
    health: hosted?.health ?? sources.health.own(),
    stateVersion: { presence: sources.presence.version, health: sources.health.version },
    uptimeMs: Date.now() - sources.startedAtMs,
    authMode: sources.authMode,
  };
  // The host's fields first, as before: a spread of nothing would only cost a slower object.
  return hosted?.extras === undefined ? own : { ...hosted.extras, ...own };
}
