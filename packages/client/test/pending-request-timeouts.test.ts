import { afterEach, describe, expect, it, vi } from 'vitest';
import { PendingRequestTimeouts, type TimedRequest } from '../src/pending-request-timeouts';

function timed(timeouts: PendingRequestTimeouts, deadline: number, log: string[], name: string): TimedRequest {
  const request: TimedRequest = {
    deadline,
    timeOut: () => {
      log.push(`${name}@${Date.now()}`);
      timeouts.remove(request);
    },
  };
  return request;
}

describe('PendingRequestTimeouts (one timer for every pending request)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('times requests out at their own deadlines, earliest first, in any order of arrival', () => {
    vi.useFakeTimers({ now: 1000 });
    const timeouts = new PendingRequestTimeouts();
    const log: string[] = [];
    timeouts.add(timed(timeouts, 1300, log, 'c'));
    timeouts.add(timed(timeouts, 1100, log, 'a'));
    timeouts.add(timed(timeouts, 1200, log, 'b'));
    timeouts.add(timed(timeouts, 1200, log, 'b2'));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(99);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['a@1100']);
    vi.advanceTimersByTime(100);
    expect(log).toEqual(['a@1100', 'b@1200', 'b2@1200']);
    vi.advanceTimersByTime(100);
    expect(log).toEqual(['a@1100', 'b@1200', 'b2@1200', 'c@1300']);
    expect(timeouts.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('forgets a settled request, and a stale wake-up re-arms for the next deadline', () => {
    vi.useFakeTimers({ now: 0 });
    const timeouts = new PendingRequestTimeouts();
    const log: string[] = [];
    const first = timed(timeouts, 100, log, 'first');
    timeouts.add(first);
    timeouts.add(timed(timeouts, 250, log, 'second'));
    timeouts.remove(first);
    vi.advanceTimersByTime(100);
    expect(log).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(150);
    expect(log).toEqual(['second@250']);
  });

  it('unreferences its timer while nothing is pending, and references it again for a new request', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const timeouts = new PendingRequestTimeouts();
    const request = timed(timeouts, Date.now() + 60_000, [], 'r');
    timeouts.add(request);
    expect(spy).toHaveBeenCalledTimes(1);
    const timer = spy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(true);
    timeouts.remove(request);
    expect(timer.hasRef()).toBe(false);
    const later = timed(timeouts, Date.now() + 90_000, [], 'later');
    timeouts.add(later);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(timer.hasRef()).toBe(true);
    timeouts.remove(later);
    clearTimeout(timer);
    spy.mockRestore();
  });
});
