import { RESUME_CAPABILITY, defineEvent, defineEvents, type ConnectParams } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { resolveGatewayOptions, type AuthenticateHook, type GatewayOptions } from '../src/index';
import { createTestDevice, signConnect, type Frame, type RawClient } from '@gatewire/test-harness';
import { connectClient, connectParams, startTestGateway, type TestGateway } from './helpers/fixtures';

const appEvents = defineEvents(
  defineEvent('app.note', { payload: Type.Object({ n: Type.Integer() }), scope: 'operator.read' }),
  defineEvent('app.pairing', { payload: Type.Object({ n: Type.Integer() }), scope: 'operator.pairing' }),
  defineEvent('app.bulk', { payload: Type.Object({ n: Type.Integer(), blob: Type.String() }), scope: 'everyone', droppable: true }),
  defineEvent('app.critical', { payload: Type.Object({ n: Type.Integer(), blob: Type.Optional(Type.String()) }), scope: 'everyone' }),
);
type AppEvents = typeof appEvents;

/** The hook names the user after `client.displayName`, so tests can play several subjects. */
const byDisplayName: AuthenticateHook = (context) => ({ ok: true, user: context.client.displayName ?? 'anonymous' });

function start(options: GatewayOptions<AppEvents> = {}): Promise<TestGateway<AppEvents>> {
  return startTestGateway<AppEvents>({ events: appEvents, authenticate: byDisplayName, ...options });
}

function resumable(overrides: Partial<ConnectParams> = {}): ConnectParams {
  return connectParams({ caps: [RESUME_CAPABILITY], client: { id: 'gateway-client', version: '1', platform: 'linux', mode: 'backend', displayName: 'alice' }, ...overrides });
}

function connIdOf(hello: Record<string, unknown>): string {
  return (hello['server'] as { connId: string }).connId;
}

async function resume(client: RawClient, previousConnId: string, lastSeq: number): Promise<Record<string, unknown>> {
  const response = await client.request('gateway.resume', { previousConnId, lastSeq });
  if (response.ok !== true) throw new Error(`gateway.resume failed: ${JSON.stringify(response['error'])}`);
  return response['payload'] as Record<string, unknown>;
}

/** The replayed events as `[seq, n]`, and `[1, 'health']` for the health event every stream starts with. */
function notes(payload: Record<string, unknown>): Array<[number, number | 'health']> {
  return (payload['events'] as Frame[]).map((frame) => [frame.seq as number, frame.event === 'health' ? 'health' : (frame['payload'] as { n: number }).n]);
}

async function nextNotes(client: RawClient, count: number): Promise<Array<[number, number]>> {
  const out: Array<[number, number]> = [];
  for (let index = 0; index < count; index += 1) {
    const frame = await client.nextEvent('app.note');
    out.push([frame.seq as number, (frame['payload'] as { n: number }).n]);
  }
  return out;
}

describe('resume: negotiation', () => {
  it('offers the capability in the challenge and hello-ok, and serves gateway.resume', async () => {
    const target = await start();
    const client = await target.open();
    const challenge = await client.nextEvent('connect.challenge');
    expect(challenge['payload']).toMatchObject({ capabilities: [RESUME_CAPABILITY] });
    client.send({ type: 'req', id: 'c1', method: 'connect', params: resumable() });
    const hello = (await client.nextMatching((frame) => frame.id === 'c1'))['payload'] as { features: { capabilities: string[]; methods: string[] } };
    expect(hello.features.capabilities).toContain(RESUME_CAPABILITY);
    expect(hello.features.methods).toContain('gateway.resume');
  });

  it('with resume: false, offers nothing and does not know gateway.resume', async () => {
    const target = await start({ resume: false });
    const client = await target.open();
    const challenge = await client.nextEvent('connect.challenge');
    expect(challenge['payload']).not.toHaveProperty('capabilities');
    client.send({ type: 'req', id: 'c1', method: 'connect', params: resumable() });
    const hello = (await client.nextMatching((frame) => frame.id === 'c1'))['payload'] as { features: { capabilities: string[]; methods: string[] } };
    expect(hello.features.capabilities).toEqual([]);
    expect(hello.features.methods).not.toContain('gateway.resume');
    const response = await client.request('gateway.resume', { previousConnId: 'x', lastSeq: 0 });
    expect(response).toMatchObject({ ok: false, error: { message: 'unknown method: gateway.resume' } });
  });

  it('rejects a byte bound that would not fit in one response', () => {
    expect(() => resolveGatewayOptions({ maxPayloadBytes: 1 << 20, resume: { maxBytes: 1 << 20 } })).toThrow(/resume.maxBytes/);
    expect(() => resolveGatewayOptions({ resume: { retentionMs: 0 } })).toThrow(/resume.retentionMs/);
    expect(resolveGatewayOptions({ maxPayloadBytes: 1 << 20 }).resume).toEqual({ retentionMs: 120_000, maxEvents: 10_000, maxBytes: 1 << 19 });
  });
});

describe('resume: replay', () => {
  it('replays what a dropped connection missed (through its scope guard), up to where the new connection went live', async () => {
    const target = await start();
    const first = await connectClient(target, resumable({ scopes: ['operator.read'] }));
    target.gateway.broadcast('app.note', { n: 1 });
    target.gateway.broadcast('app.note', { n: 2 });
    // seq 1 of every connection is the health event after hello-ok.
    expect(await nextNotes(first.client, 2)).toEqual([[2, 1], [3, 2]]);
    target.gateway.disconnect(connIdOf(first.hello), 1012, 'test drop');
    await first.client.closed;
    target.gateway.broadcast('app.note', { n: 3 });
    target.gateway.broadcast('app.pairing', { n: 99 });
    const second = await connectClient(target, resumable({ scopes: ['operator.read'] }));
    target.gateway.broadcast('app.note', { n: 4 });
    expect(await nextNotes(second.client, 1)).toEqual([[2, 4]]);
    const payload = await resume(second.client, connIdOf(first.hello), 2);
    expect(payload).toMatchObject({ recovered: true, replayed: 2 });
    expect(notes(payload)).toEqual([[3, 2], [4, 3]]);
    // Resuming again (the answer may have been lost with the socket) gives the same events, never later ones.
    target.gateway.broadcast('app.note', { n: 5 });
    expect(notes(await resume(second.client, connIdOf(first.hello), 2))).toEqual([[3, 2], [4, 3]]);
  });

  it('forgets the stream of a client that closed normally (1000), and keeps the others for the window', async () => {
    const target = await start();
    const closedBy = (connId: string): Promise<number> =>
      new Promise((resolve) => {
        const listener = (event: { connection: { connId: string }; code: number }): void => {
          if (event.connection.connId !== connId) return;
          target.gateway.off('disconnect', listener);
          resolve(event.code);
        };
        target.gateway.on('disconnect', listener);
      });
    // The client ends its session: nothing is kept, a resume answers unknown-connection.
    const leaving = await connectClient(target, resumable());
    const leavingClosed = closedBy(connIdOf(leaving.hello));
    leaving.client.ws.close(1000, 'client closed');
    expect(await leavingClosed).toBe(1000);
    // The client closed with another code (say, its tick watchdog: 4000): kept.
    const dropping = await connectClient(target, resumable());
    const droppingClosed = closedBy(connIdOf(dropping.hello));
    dropping.client.ws.close(4000, 'tick timeout');
    expect(await droppingClosed).toBe(4000);
    // The gateway closed it with 1000 (the client did not choose to leave): kept.
    const closedByGateway = await connectClient(target, resumable());
    const gatewayClosed = closedBy(connIdOf(closedByGateway.hello));
    target.gateway.disconnect(connIdOf(closedByGateway.hello), 1000, 'kicked');
    expect(await gatewayClosed).toBe(1000);
    target.gateway.broadcast('app.note', { n: 1 });
    const successor = await connectClient(target, resumable());
    expect(await resume(successor.client, connIdOf(leaving.hello), 1)).toEqual({ recovered: false, reason: 'unknown-connection' });
    expect(notes(await resume(successor.client, connIdOf(dropping.hello), 1))).toEqual([[2, 1]]);
    expect(notes(await resume(successor.client, connIdOf(closedByGateway.hello), 1))).toEqual([[2, 1]]);
  });

  it('stops a replay where nextConnId went live, so a chain of resumes never overlaps', async () => {
    const target = await start();
    const first = await connectClient(target, resumable());
    target.gateway.disconnect(connIdOf(first.hello), 1012, 'drop');
    await first.client.closed;
    target.gateway.broadcast('app.note', { n: 1 });
    const second = await connectClient(target, resumable());
    target.gateway.broadcast('app.note', { n: 2 });
    target.gateway.disconnect(connIdOf(second.hello), 1012, 'drop before resuming');
    await second.client.closed;
    target.gateway.broadcast('app.note', { n: 3 });
    const third = await connectClient(target, resumable());
    target.gateway.broadcast('app.note', { n: 4 });
    const firstReplay = await third.client.request('gateway.resume', { previousConnId: connIdOf(first.hello), lastSeq: 0, nextConnId: connIdOf(second.hello) });
    expect(notes(firstReplay['payload'] as Record<string, unknown>)).toEqual([[1, 'health'], [2, 1]]);
    expect(notes(await resume(third.client, connIdOf(second.hello), 0))).toEqual([[1, 'health'], [2, 2], [3, 3]]);
    expect(await nextNotes(third.client, 1)).toEqual([[2, 4]]);
  });

  it('supersedes a previous connection that is still open', async () => {
    const target = await start();
    const first = await connectClient(target, resumable());
    target.gateway.broadcast('app.note', { n: 1 });
    const second = await connectClient(target, resumable());
    target.gateway.broadcast('app.note', { n: 2 });
    const payload = await resume(second.client, connIdOf(first.hello), 0);
    expect(notes(payload)).toEqual([[1, 'health'], [2, 1]]);
    expect(await first.client.closed).toEqual({ code: 1000, reason: 'superseded by resume' });
  });

  it('repairs a gap inside the caller’s own connection (droppable events skipped for a slow consumer keep their seq)', async () => {
    const target = await start({ maxBufferedBytes: 64 * 1024 });
    const slow = await connectClient(target, resumable());
    const plain = await connectClient(target, connectParams());
    const socket = (slow.client.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    const blob = 'z'.repeat(64 * 1024);
    let n = 0;
    while ((await target.gateway.status()).events.dropped < 3 && n < 400) {
      n += 1;
      target.gateway.broadcast('app.bulk', { n, blob });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await target.gateway.status()).events.dropped).toBeGreaterThanOrEqual(3);
    socket.resume();
    // Each frame read triggers a small droppable marker; the first marker read proves the backlog is drained.
    const seen: number[] = [];
    for (;;) {
      const frame = await slow.client.nextEvent('app.bulk');
      const payload = frame['payload'] as { n: number; blob: string };
      expect(frame.seq).toBe(payload.n + 1); // seq 1: the health event after hello-ok
      seen.push(payload.n);
      if (payload.blob === '') break;
      n += 1;
      target.gateway.broadcast('app.bulk', { n, blob: '' });
    }
    const missing = Array.from({ length: seen.at(-1)! }, (_, index) => index + 1).filter((n) => !seen.includes(n)).map((n) => n + 1);
    expect(missing.length).toBeGreaterThan(0);
    const payload = await resume(slow.client, connIdOf(slow.hello), missing[0]! - 1);
    const replayedSeqs = (payload['events'] as Frame[]).map((frame) => frame.seq);
    const last = seen.at(-1)! + 1;
    // Every event from the first missing one on, without a hole, through the last read at least
    // (markers broadcast for frames read after the first marker may follow it).
    const replayedLast = replayedSeqs.at(-1) as number;
    expect(replayedLast).toBeGreaterThanOrEqual(last);
    expect(replayedSeqs).toEqual(Array.from({ length: replayedLast - missing[0]! + 1 }, (_, index) => missing[0]! + index));
    // The plain connection received its broadcasts in order; if it fell behind too (under load), the
    // events dropped for it spent their seq, so any hole is visible, never silent.
    const plainSeqs = plain.client.buffered.filter((frame) => frame.event === 'app.bulk').map((frame) => frame.seq as number);
    expect(plainSeqs.length).toBeGreaterThan(0);
    expect(plainSeqs.every((seq, index) => index === 0 || seq > (plainSeqs[index - 1] as number))).toBe(true);
  });

  it('keeps the events of a slow consumer closed 1008 for a resume', async () => {
    const target = await start({ maxBufferedBytes: 16 * 1024, resume: { maxBytes: 24 * 1024 * 1024 } });
    const slow = await connectClient(target, resumable());
    const socket = (slow.client.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    const blob = 'c'.repeat(64 * 1024);
    let n = 0;
    for (;;) {
      const sent = (await target.gateway.status()).events.sent;
      n += 1;
      target.gateway.broadcast('app.critical', { n, blob });
      if ((await target.gateway.status()).events.sent === sent || n >= 380) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    n += 1;
    target.gateway.broadcast('app.critical', { n, blob: '' });
    socket.resume();
    expect(await slow.client.closed).toEqual({ code: 1008, reason: 'slow consumer' });
    const second = await connectClient(target, resumable());
    const payload = await resume(second.client, connIdOf(slow.hello), 0);
    expect(payload).toMatchObject({ recovered: true, replayed: n + 1 });
    expect(notes(payload)).toEqual([[1, 'health'], ...Array.from({ length: n }, (_, index): [number, number] => [index + 2, index + 1])]);
  });
});

describe('resume: refusals', () => {
  it('answers unknown-connection, invalid-seq and not-enabled', async () => {
    const target = await start();
    const opted = await connectClient(target, resumable());
    const plain = await connectClient(target, connectParams({ client: { id: 'gateway-client', version: '1', platform: 'linux', mode: 'backend', displayName: 'alice' } }));
    target.gateway.broadcast('app.note', { n: 1 });
    expect(await resume(opted.client, 'no-such-connection', 0)).toEqual({ recovered: false, reason: 'unknown-connection' });
    expect(await resume(opted.client, connIdOf(opted.hello), 3)).toEqual({ recovered: false, reason: 'invalid-seq' });
    expect(await resume(plain.client, connIdOf(plain.hello), 0)).toEqual({ recovered: false, reason: 'not-enabled' });
    expect(await resume(opted.client, connIdOf(plain.hello), 0)).toEqual({ recovered: false, reason: 'not-enabled' });
    expect(notes(await resume(opted.client, connIdOf(opted.hello), 0))).toEqual([[1, 'health'], [2, 1]]);
  });

  it('answers overflow when events after lastSeq were evicted', async () => {
    const target = await start({ resume: { maxEvents: 3 } });
    const first = await connectClient(target, resumable());
    for (let n = 1; n <= 5; n += 1) target.gateway.broadcast('app.note', { n });
    await nextNotes(first.client, 5);
    // 6 events (the health, then n 1..5) in a buffer of 3: seqs 4..6 are kept.
    expect(await resume(first.client, connIdOf(first.hello), 2)).toEqual({ recovered: false, reason: 'overflow' });
    expect(notes(await resume(first.client, connIdOf(first.hello), 3))).toEqual([[4, 3], [5, 4], [6, 5]]);
  });

  it('answers expired after the retention window', async () => {
    const target = await start({ resume: { retentionMs: 30 } });
    const first = await connectClient(target, resumable());
    target.gateway.disconnect(connIdOf(first.hello), 1012, 'drop');
    await first.client.closed;
    const second = await connectClient(target, resumable());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await resume(second.client, connIdOf(first.hello), 0)).toEqual({ recovered: false, reason: 'expired' });
  });

  it('lets only the owner resume: another user, fewer scopes, another role or another device get not-owner', async () => {
    const target = await start();
    const first = await connectClient(target, resumable({ scopes: ['operator.read', 'operator.pairing'] }));
    target.gateway.disconnect(connIdOf(first.hello), 1012, 'drop');
    await first.client.closed;
    const previous = connIdOf(first.hello);
    const bob = await connectClient(target, resumable({ client: { id: 'gateway-client', version: '1', platform: 'linux', mode: 'backend', displayName: 'bob' } }));
    expect(await resume(bob.client, previous, 0)).toEqual({ recovered: false, reason: 'not-owner' });
    const narrower = await connectClient(target, resumable({ scopes: ['operator.read'] }));
    expect(await resume(narrower.client, previous, 0)).toEqual({ recovered: false, reason: 'not-owner' });
    const admin = await connectClient(target, resumable({ scopes: ['operator.admin'] }));
    expect(await resume(admin.client, previous, 0)).toMatchObject({ recovered: true });

    const device = await createTestDevice();
    const other = await createTestDevice();
    const withDevice = await connectClient(target, (challenge) => signConnect(resumable(), device, challenge));
    target.gateway.disconnect(connIdOf(withDevice.hello), 1012, 'drop');
    await withDevice.client.closed;
    const otherDevice = await connectClient(target, (challenge) => signConnect(resumable(), other, challenge));
    expect(await resume(otherDevice.client, connIdOf(withDevice.hello), 0)).toEqual({ recovered: false, reason: 'not-owner' });
    const sameDevice = await connectClient(target, (challenge) => signConnect(resumable(), device, challenge));
    expect(await resume(sameDevice.client, connIdOf(withDevice.hello), 0)).toMatchObject({ recovered: true });
  });

  it('forgets every stream on close: after a restart the old connection is unknown', async () => {
    const target = await start();
    const first = await connectClient(target, resumable());
    await target.gateway.close();
    await first.client.closed;
    const restarted = await start();
    const second = await connectClient(restarted, resumable());
    expect(await resume(second.client, connIdOf(first.hello), 0)).toEqual({ recovered: false, reason: 'unknown-connection' });
  });
});
