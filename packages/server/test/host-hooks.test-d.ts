import type { HealthSnapshot, StatusResult } from '@gatewire/protocol';
import { describe, expectTypeOf, it } from 'vitest';
import { createGateway, type ConnectionInfo, type HealthHook, type SnapshotHook, type StatusHook, type StatusOptions } from '../src/index';

/** A host's own health type, declared as the reference declares its HealthSummary. */
type HealthSummary = {
  ok: true;
  ts: number;
  durationMs: number;
  channels: Record<string, { accountId: string; probe?: unknown; [key: string]: unknown }>;
  defaultAgentId: string;
};
declare function readHealthSummary(): Promise<HealthSummary>;

describe('host hook types', () => {
  it('accepts a host health type that keeps the wire fields, and types the contexts', () => {
    createGateway({
      health: (context) => {
        expectTypeOf(context.base).toEqualTypeOf<HealthSnapshot>();
        expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>();
        return readHealthSummary();
      },
      status: (context) => {
        expectTypeOf(context.base).toEqualTypeOf<StatusResult>();
        expectTypeOf(context.caller).toEqualTypeOf<ConnectionInfo | undefined>();
        return { ...context.base, sessions: { count: 1 } };
      },
      snapshot: ({ connection }) => ({ appliedConfigHash: 'abc', ...(connection.scopes.includes('operator.admin') ? { configPath: '/etc' } : {}) }),
    });
  });

  it('types gateway.status() with the status hook result', () => {
    const hosted = createGateway({ status: async ({ base }) => ({ ...base, sessions: { count: 1 } }) });
    expectTypeOf<Awaited<ReturnType<typeof hosted.status>>['sessions']>().toEqualTypeOf<{ count: number }>();
    expectTypeOf<Awaited<ReturnType<typeof hosted.status>>>().toMatchTypeOf<StatusResult>();
    expectTypeOf(createGateway().status()).resolves.toEqualTypeOf<StatusResult>();
    expectTypeOf(createGateway().status).parameter(0).toEqualTypeOf<StatusOptions | undefined>();
  });

  it('refuses results that break the wire shapes', () => {
    // @ts-expect-error health must keep a boolean ok
    const wrongOk: HealthHook = () => ({ ok: 'yes', ts: 1 });
    // @ts-expect-error health must keep ts
    const noTs: HealthHook = async () => ({ ok: true });
    // @ts-expect-error status must keep the gateway's own fields
    const bareStatus: StatusHook = () => ({ sessions: 1 });
    // @ts-expect-error the gateway owns the snapshot's presence
    const ownsPresence: SnapshotHook = () => ({ presence: [] });
    // @ts-expect-error suspension has the wire's shape
    const badSuspension: SnapshotHook = () => ({ suspension: { phase: 'asleep' } });
    expectTypeOf([wrongOk, noTs, bareStatus, ownsPresence, badSuspension]).not.toBeNever();
  });
});
