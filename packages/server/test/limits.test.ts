import { describe, expect, it } from 'vitest';
import { AuthRateLimiter } from '../src/auth/rate-limiter';
import { IdempotencyCache } from '../src/methods/idempotency-cache';
import { WorkLimiter } from '../src/methods/work-limiter';
import { resolveClientAddress } from '../src/net/client-address';
import { parseCidrList } from '../src/net/ip-address';

describe('IdempotencyCache', () => {
  it('forgets entries after the TTL and evicts the oldest beyond maxEntries', async () => {
    const cache = new IdempotencyCache(1000, 2);
    const ok = (payload: unknown) => Promise.resolve({ ok: true as const, payload });
    cache.remember('a', 'p', ok(1), 0);
    cache.remember('b', 'p', ok(2), 0);
    cache.remember('c', 'p', ok(3), 0);
    expect(cache.get('a', 'p', 10)).toBeUndefined();
    const remembered = cache.get('c', 'p', 10);
    expect(remembered?.kind === 'result' ? await remembered.result : remembered).toEqual({ ok: true, payload: 3 });
    expect(cache.get('c', 'other', 10)).toEqual({ kind: 'conflict' });
    expect(cache.get('b', 'p', 1000)).toBeUndefined();
  });

  it('forgets failures so a retry runs again', async () => {
    const cache = new IdempotencyCache(60_000, 10);
    const failed = Promise.resolve({ ok: false as const, error: { code: 'UNAVAILABLE', message: 'x' } });
    cache.remember('k', 'p', failed);
    await failed;
    await Promise.resolve();
    expect(cache.get('k', 'p')).toBeUndefined();
  });
});

describe('AuthRateLimiter', () => {
  const settings = { maxFailures: 3, windowMs: 1000, lockoutMs: 5000, exemptLoopback: true, loopbackDelayMs: 250, loopbackMaxDelayMs: 1000 };

  it('locks an address after maxFailures within the window, for lockoutMs', () => {
    const limiter = new AuthRateLimiter(settings);
    limiter.recordFailure('ip', false, 0);
    limiter.recordFailure('ip', false, 100);
    expect(limiter.lockedForMs('ip', false, 100)).toBe(0);
    expect(limiter.recordFailure('ip', false, 200).lockedForMs).toBe(5000);
    expect(limiter.lockedForMs('ip', false, 1200)).toBe(4000);
    expect(limiter.lockedForMs('ip', false, 5200)).toBe(0);
  });

  it('does not count failures outside the window', () => {
    const limiter = new AuthRateLimiter(settings);
    limiter.recordFailure('ip', false, 0);
    limiter.recordFailure('ip', false, 100);
    expect(limiter.recordFailure('ip', false, 1500).lockedForMs).toBe(0);
  });

  it('delays loopback failures 250, 500, 1000, 1000 ms and never locks loopback out', () => {
    const limiter = new AuthRateLimiter(settings);
    const delays = [0, 1, 2, 3].map((at) => limiter.recordFailure('127.0.0.1', true, at).delayMs);
    expect(delays).toEqual([250, 500, 1000, 1000]);
    expect(limiter.lockedForMs('127.0.0.1', true, 4)).toBe(0);
  });

  it('is empty until a failure is recorded, and again once the failures are forgotten', () => {
    const limiter = new AuthRateLimiter(settings);
    expect(limiter.isEmpty).toBe(true);
    limiter.recordFailure('ip', false, Date.now());
    expect(limiter.isEmpty).toBe(false);
    limiter.recordSuccess('ip');
    expect(limiter.isEmpty).toBe(true);
    limiter.recordFailure('ip', false, 0);
    limiter.prune(10_000);
    expect(limiter.isEmpty).toBe(true);
  });
});

describe('WorkLimiter', () => {
  it('runs up to maxConcurrent, queues up to maxQueued in order, and refuses beyond', async () => {
    const limiter = new WorkLimiter(1, 1);
    const order: string[] = [];
    await limiter.tryAcquire();
    const queued = limiter.tryAcquire();
    expect(queued).toBeDefined();
    expect(limiter.tryAcquire()).toBeUndefined();
    expect(limiter.queueDepth).toBe(1);
    void queued?.then(() => order.push('second'));
    limiter.release();
    await queued;
    expect(order).toEqual(['second']);
    expect(limiter.active).toBe(1);
    limiter.release();
    expect(limiter.active).toBe(0);
  });
});

describe('client address', () => {
  const policy = { trustedProxies: parseCidrList(['10.0.0.0/8', '::1']), allowRealIpFallback: true };

  it('takes the right-most untrusted X-Forwarded-For hop behind a trusted proxy', () => {
    const address = resolveClientAddress('::ffff:10.1.2.3', { 'x-forwarded-for': '198.51.100.1, 203.0.113.9, 10.0.0.7' }, policy);
    expect(address).toEqual({ peerAddress: '10.1.2.3', clientIp: '203.0.113.9', viaTrustedProxy: true, isDirectLocal: false, isLoopbackClient: false, isLocalPeer: false });
  });

  it('ignores forwarding headers from untrusted peers and uses X-Real-IP only as a fallback', () => {
    expect(resolveClientAddress('192.0.2.5', { 'x-forwarded-for': '203.0.113.9' }, policy).clientIp).toBe('192.0.2.5');
    expect(resolveClientAddress('::1', { 'x-real-ip': '203.0.113.4' }, policy)).toMatchObject({ clientIp: '203.0.113.4', isDirectLocal: false });
    expect(resolveClientAddress('127.0.0.1', {}, policy)).toMatchObject({ isDirectLocal: true, isLoopbackClient: true });
  });
});
