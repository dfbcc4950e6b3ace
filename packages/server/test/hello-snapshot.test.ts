import type { PresenceEntry } from '@gatewire/protocol';
import { describe, expect, it } from 'vitest';
import { buildHelloSnapshot, type SnapshotSources } from '../src/handshake/hello-snapshot';

const entry: PresenceEntry = { host: 'h', version: '1', platform: 'linux', mode: 'gateway', reason: 'self', text: 'Gateway: h', ts: 5 };
const sources: SnapshotSources = {
  presence: { list: () => [entry], version: 4 },
  health: { own: () => ({ ok: true, ts: 6, durationMs: 0 }), version: 9 },
  startedAtMs: Date.now(),
  authMode: 'token',
};

describe('buildHelloSnapshot', () => {
  it("is the gateway's own state, in this key order, without a host hook", () => {
    const snapshot = buildHelloSnapshot(sources, undefined);
    expect(Object.keys(snapshot)).toEqual(['presence', 'health', 'stateVersion', 'uptimeMs', 'authMode']);
    expect(snapshot).toMatchObject({ presence: [entry], health: { ok: true, ts: 6, durationMs: 0 }, stateVersion: { presence: 4, health: 9 }, authMode: 'token' });
  });

  it("puts the host's fields first and keeps the gateway's own values for the fields it owns", () => {
    const hosted = { health: { ok: false, ts: 7, durationMs: 3 }, extras: { custom: 1, presence: 'host', authMode: 'host' } };
    const snapshot = buildHelloSnapshot(sources, hosted);
    expect(Object.keys(snapshot)).toEqual(['custom', 'presence', 'authMode', 'health', 'stateVersion', 'uptimeMs']);
    expect(snapshot).toMatchObject({ custom: 1, presence: [entry], authMode: 'token', health: hosted.health, stateVersion: { presence: 4, health: 9 } });
  });
});
