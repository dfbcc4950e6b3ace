import type { EventFrame, ResumeParams, ResumeResult } from '@gatewire/protocol';
import { describe, expect, it } from 'vitest';
import { EventDelivery } from '../src/resume/event-delivery';
import type { ResyncContext } from '../src/resume/resync';
import type { GapContext } from '../src/events';

function frame(seq: number | undefined, n: number): EventFrame {
  return seq === undefined ? { type: 'event', event: 'app', payload: { n } } : { type: 'event', event: 'app', payload: { n }, seq };
}

/** A host whose `gateway.resume` answers are released by the test. */
class Host {
  readonly delivered: number[] = [];
  readonly gaps: GapContext[] = [];
  readonly resyncs: ResyncContext[] = [];
  readonly calls: Array<{ params: ResumeParams; answer: (result: ResumeResult | Error) => void }> = [];
  readonly delivery = new EventDelivery({
    deliver: (event) => this.delivered.push((event.payload as { n: number }).n),
    gap: (gap) => this.gaps.push(gap),
    resync: (context) => this.resyncs.push(context),
    resume: (params) =>
      new Promise((resolve, reject) => {
        this.calls.push({ params, answer: (result) => (result instanceof Error ? reject(result) : resolve(result)) });
      }),
  });

  /** Answer the oldest pending call and let the delivery continue. */
  async answer(result: ResumeResult | Error): Promise<void> {
    const call = this.calls.shift();
    if (call === undefined) throw new Error('no pending gateway.resume');
    call.answer(result);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const replay = (...events: Array<[number, number]>): ResumeResult => ({ recovered: true, replayed: events.length, events: events.map(([seq, n]) => frame(seq, n)) });

describe('EventDelivery', () => {
  it('passes events through and reports gaps on a connection without resume', () => {
    const host = new Host();
    host.delivery.connected('c1', false);
    for (const seq of [1, 2, 5, 6]) host.delivery.receive(frame(seq, seq));
    expect(host.delivered).toEqual([1, 2, 5, 6]);
    expect(host.gaps).toEqual([{ expected: 3, received: 5 }]);
    expect(host.calls).toEqual([]);
  });

  it('repairs a gap: holds later events, delivers the replay (skipping what it has), then the held ones', async () => {
    const host = new Host();
    host.delivery.connected('c1', true);
    host.delivery.receive(frame(1, 1));
    host.delivery.receive(frame(4, 4));
    host.delivery.receive(frame(undefined, 100));
    host.delivery.receive(frame(5, 5));
    expect(host.delivered).toEqual([1, 100]);
    expect(host.calls.map((call) => call.params)).toEqual([{ previousConnId: 'c1', lastSeq: 1 }]);
    await host.answer(replay([2, 2], [3, 3], [4, 4], [5, 5]));
    host.delivery.receive(frame(6, 6));
    expect(host.delivered).toEqual([1, 100, 2, 3, 4, 5, 6]);
    expect(host.gaps).toEqual([]);
    expect(host.resyncs).toEqual([]);
  });

  it('emits resync and delivers the held events when a gap cannot be repaired', async () => {
    const host = new Host();
    host.delivery.connected('c1', true);
    host.delivery.receive(frame(1, 1));
    host.delivery.receive(frame(3, 3));
    await host.answer({ recovered: false, reason: 'overflow' });
    expect(host.resyncs).toEqual([{ reason: 'overflow', connId: 'c1' }]);
    host.delivery.receive(frame(2, 2));
    host.delivery.receive(frame(4, 4));
    expect(host.delivered).toEqual([1, 3, 4]);
  });

  it('reports an incomplete replay and a failed call', async () => {
    const host = new Host();
    host.delivery.connected('c1', true);
    host.delivery.receive(frame(3, 3));
    await host.answer(replay([1, 1]));
    expect(host.resyncs).toEqual([{ reason: 'incomplete', connId: 'c1' }]);
    expect(host.delivered).toEqual([1, 3]);
    host.delivery.receive(frame(5, 5));
    const failure = new Error('timeout');
    await host.answer(failure);
    expect(host.resyncs[1]).toEqual({ reason: 'request-failed', connId: 'c1', error: failure });
    expect(host.delivered).toEqual([1, 3, 5]);
  });

  it('recovers the previous connection before any event of the new one', async () => {
    const host = new Host();
    host.delivery.connected('c1', true);
    host.delivery.receive(frame(1, 1));
    host.delivery.disconnected();
    host.delivery.connected('c2', true);
    host.delivery.receive(frame(1, 10));
    expect(host.calls.map((call) => call.params)).toEqual([{ previousConnId: 'c1', lastSeq: 1 }]);
    await host.answer(replay([2, 2], [3, 3]));
    expect(host.delivered).toEqual([1, 2, 3, 10]);
  });

  it('resumes each earlier connection in order when the link dropped during a resume', async () => {
    const host = new Host();
    host.delivery.connected('c1', true);
    host.delivery.receive(frame(1, 1));
    host.delivery.disconnected();
    host.delivery.connected('c2', true);
    host.delivery.receive(frame(1, 20));
    host.delivery.disconnected(); // the resume of c1 is lost with c2
    await host.answer(new Error('connection closed'));
    host.delivery.connected('c3', true);
    expect(host.calls.map((call) => call.params)).toEqual([{ previousConnId: 'c1', lastSeq: 1, nextConnId: 'c2' }]);
    await host.answer(replay([2, 2]));
    expect(host.calls.map((call) => call.params)).toEqual([{ previousConnId: 'c2', lastSeq: 0 }]);
    await host.answer(replay([1, 20], [2, 21]));
    host.delivery.receive(frame(1, 30));
    expect(host.delivered).toEqual([1, 2, 20, 21, 30]);
    expect(host.resyncs).toEqual([]);
  });

  it('reset (the client stopped) forgets the current stream too: the next connection neither resumes nor resyncs', () => {
    const host = new Host();
    host.delivery.connected('c1', true);
    host.delivery.receive(frame(1, 1));
    host.delivery.reset();
    host.delivery.connected('c2', true);
    expect({ calls: host.calls, resyncs: host.resyncs, delivered: host.delivered }).toEqual({ calls: [], resyncs: [], delivered: [1] });
  });

  it('emits resync when the new gateway does not offer resume, or after too many reconnects', () => {
    const host = new Host();
    host.delivery.connected('c1', true);
    host.delivery.disconnected();
    host.delivery.connected('c2', false);
    expect(host.resyncs).toEqual([{ reason: 'not-enabled', connId: 'c1' }]);
    for (let index = 0; index < 9; index += 1) {
      host.delivery.connected(`x${index}`, true);
      host.delivery.disconnected();
    }
    host.delivery.connected('last', true);
    expect(host.resyncs.at(-1)).toEqual({ reason: 'too-many-reconnects', connId: undefined });
  });
});
