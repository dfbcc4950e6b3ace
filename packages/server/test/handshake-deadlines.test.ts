import { afterEach, describe, expect, it, vi } from 'vitest';
import { HandshakeDeadlines } from '../src/handshake/handshake-deadlines';
import { connectClient, connectParams, startTestGateway } from './helpers/fixtures';

/** Deadlines whose expiries are recorded, with a way to await the next one. */
function recorded(): { deadlines: HandshakeDeadlines<string>; expired: string[]; next: () => Promise<string> } {
  const expired: string[] = [];
  let waiting: ((item: string) => void) | undefined;
  const deadlines = new HandshakeDeadlines<string>((item) => {
    expired.push(item);
    waiting?.(item);
  });
  const next = (): Promise<string> => new Promise((resolve) => (waiting = resolve));
  return { deadlines, expired, next };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('handshake deadlines', () => {
  it('expire in deadline order, skip the removed ones, and keep one timer for many sockets', async () => {
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const { deadlines, expired, next } = recorded();
    const entries = Array.from({ length: 100 }, (_, index) => deadlines.add(`s${index}`, 40));
    for (const entry of entries.slice(0, 98)) deadlines.remove(entry);
    deadlines.remove(entries[0]!);
    expect(timers).toHaveBeenCalledTimes(1);
    await next();
    if (expired.length < 2) await next();
    expect(expired).toEqual(['s98', 's99']);
    deadlines.stop();
  });

  it('expires a shorter deadline added later first, and re-arms for the ones after it', async () => {
    const { deadlines, expired, next } = recorded();
    deadlines.add('late', 120);
    deadlines.add('early', 20);
    expect(await next()).toBe('early');
    expect(await next()).toBe('late');
    expect(expired).toEqual(['early', 'late']);
    deadlines.stop();
  });

  it('forgets every deadline when stopped', async () => {
    const { deadlines, expired, next } = recorded();
    deadlines.add('stopped', 10);
    deadlines.stop();
    deadlines.add('after', 30);
    expect(await next()).toBe('after');
    expect(expired).toEqual(['after']);
    deadlines.stop();
  });

  it('close a socket that has not sent connect in time, and not one that completed its handshake before', async () => {
    const target = await startTestGateway({ handshakeTimeoutMs: 150 });
    const { client: done } = await connectClient(target, connectParams());
    const idle = await target.open();
    await idle.nextEvent('connect.challenge');
    // The idle socket's deadline comes after the one the completed handshake had.
    expect(await idle.closed).toEqual({ code: 1000, reason: '' });
    expect((await done.request('health', {})).ok).toBe(true);
  });
});
