import { describe, expect, it } from 'vitest';
import { connectClient, connectParams, startTestGateway } from './helpers/fixtures';
import type { Frame } from '@gatewire/test-harness';

const WINDOW_MS = 1_000;
const CHURNERS = 30;

interface PresenceList {
  presence: Array<{ mode?: string }>;
}

describe('presence broadcasts', () => {
  it('coalesces a churn of connections into at most one presence broadcast per window', async () => {
    const target = await startTestGateway({ presenceCoalesceMs: WINDOW_MS });
    // The observer is a backend client: not tracked, so its own connect changes nothing.
    const { client: observer, hello } = await connectClient(target, connectParams({ scopes: ['operator.read'] }));
    const startVersion = (hello as { snapshot: { stateVersion: { presence: number } } }).snapshot.stateVersion.presence;
    const tracked = connectParams({ client: { id: 'gateway-client', version: '1.0.0', platform: 'linux', mode: 'test' } });
    const started = performance.now();
    const churners = await Promise.all(Array.from({ length: CHURNERS }, () => connectClient(target, tracked)));
    const gone = Promise.all(churners.map(() => new Promise((resolve) => target.gateway.once('disconnect', resolve))));
    for (const { client } of churners) client.ws.close();
    await gone;
    const finalVersion = startVersion + 2 * CHURNERS;
    const received: Frame[] = [];
    for (;;) {
      const event = await observer.nextEvent('presence');
      received.push(event);
      if ((event['stateVersion'] as { presence: number }).presence === finalVersion) break;
    }
    const elapsedMs = performance.now() - started;
    // One broadcast at most per window that began during the churn, plus the leading one.
    expect(received.length).toBeLessThanOrEqual(Math.ceil(elapsedMs / WINDOW_MS) + 1);
    const last = received.at(-1)?.['payload'] as PresenceList;
    expect(last.presence.filter((entry) => entry.mode === 'test')).toEqual([]);
  });

  it('sends a lone change at once, without waiting for the window', async () => {
    const target = await startTestGateway({ presenceCoalesceMs: 60_000 });
    const { client: observer } = await connectClient(target, connectParams({ scopes: ['operator.read'] }));
    await connectClient(target, connectParams({ client: { id: 'gateway-client', version: '1.0.0', platform: 'linux', mode: 'test' } }));
    const event = await observer.nextEvent('presence');
    expect((event['payload'] as PresenceList).presence.some((entry) => entry.mode === 'test')).toBe(true);
  });
});
