import { describe, expect, it } from 'vitest';
import { assertExactlyOnce, checkExactlyOnce, type ClientRecord } from '../src/exactly-once-checker';

const log = ['e1', 'e2', 'e3', 'e4', 'e5'];

/** Records of events `ids` with seq numbers from `firstSeq`. */
function events(ids: readonly string[], firstSeq = 1): ClientRecord[] {
  return ids.map((id, index) => ({ kind: 'event', id, seq: firstSeq + index }));
}

function kinds(records: readonly ClientRecord[], options: { eligible?: (id: string) => boolean; firstExpectedIndex?: number; complete?: boolean } = {}) {
  const report = checkExactlyOnce(log, [{ name: 'c', records, ...options }]);
  return report.problems.map((problem) => problem.kind);
}

describe('checkExactlyOnce', () => {
  it('accepts every event once, in order, with contiguous seq', () => {
    const report = checkExactlyOnce(log, [{ name: 'c', records: events(log) }]);
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(() => assertExactlyOnce(report)).not.toThrow();
  });

  it('reports a duplicate event', () => {
    expect(kinds([...events(['e1', 'e2']), { kind: 'event', id: 'e2', seq: 3 }, ...events(['e3', 'e4', 'e5'], 4)])).toEqual(['duplicate']);
  });

  it('reports a reordering', () => {
    expect(kinds(events(['e1', 'e3', 'e2', 'e4', 'e5']))).toEqual(['hole', 'reorder']);
  });

  it('reports a silent hole, in the middle and at the end', () => {
    expect(kinds(events(['e1', 'e2', 'e4', 'e5']))).toEqual(['hole']);
    expect(kinds(events(['e1', 'e2', 'e3']))).toEqual(['hole', 'hole']);
  });

  it('allows a hole announced by a gap or resync notice, and counts it', () => {
    for (const notice of [{ kind: 'gap' }, { kind: 'resync' }] as const) {
      const records: ClientRecord[] = [...events(['e1', 'e2']), notice, ...events(['e5'], 9)];
      const report = checkExactlyOnce(log, [{ name: 'c', records }]);
      expect(report.ok).toBe(true);
      expect(report.announcedHoles.get('c')).toBe(2);
    }
  });

  it('reports a seq jump without a notice, counting frames outside the log (ticks)', () => {
    expect(kinds([...events(['e1', 'e2']), { kind: 'event', seq: 3 }, ...events(['e3', 'e4', 'e5'], 4)])).toEqual([]);
    expect(kinds([...events(['e1', 'e2']), ...events(['e3', 'e4', 'e5'], 5)])).toEqual(['seq']);
  });

  it('holds a client only to the events it is eligible for', () => {
    expect(kinds(events(['e1', 'e3', 'e5']), { eligible: (id) => id !== 'e2' && id !== 'e4' })).toEqual([]);
    expect(kinds(events(['e1', 'e5']), { eligible: (id) => id !== 'e2' && id !== 'e4' })).toEqual(['hole']);
  });

  it('checks the head from firstExpectedIndex and the tail only when complete', () => {
    expect(kinds(events(['e3', 'e4', 'e5']), { firstExpectedIndex: 2 })).toEqual([]);
    expect(kinds(events(['e3', 'e4', 'e5']), { firstExpectedIndex: 0 })).toEqual(['hole', 'hole']);
    expect(kinds([], { firstExpectedIndex: 3 })).toEqual(['hole', 'hole']);
    expect(kinds(events(['e1', 'e2']), { complete: false })).toEqual([]);
  });

  it('reports an event that is not in the log, and refuses a log with a repeated id', () => {
    expect(kinds([...events(log), { kind: 'event', id: 'other', seq: 6 }])).toEqual(['unknown']);
    expect(() => checkExactlyOnce(['a', 'a'], [])).toThrow(/twice/);
  });

  it('assertExactlyOnce names the client and the problem', () => {
    const report = checkExactlyOnce(log, [{ name: 'client-7', records: events(['e1', 'e1']) }]);
    expect(() => assertExactlyOnce(report)).toThrow(/client-7: duplicate: e1 received again/);
  });
});
