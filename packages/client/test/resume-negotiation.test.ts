import { RESUME_CAPABILITY } from '@gatewire/protocol';
import { describe, expect, it } from 'vitest';
import { GatewayClient, type GapContext, type ResyncContext } from '../src/index';
import { startFakeGateway, track } from './helpers/cleanup';
import { NO_REPLY } from './helpers/fake-gateway';
import { nextEvent } from './helpers/wait';

const FAST = { initialDelayMs: 5, maxDelayMs: 10 };

function healthSeqs(client: GatewayClient): Array<number | undefined> {
  const seqs: Array<number | undefined> = [];
  client.onEvent('health', (_payload, context) => seqs.push(context.seq));
  return seqs;
}

describe('resume negotiation (raw-frame gateway)', () => {
  it('sends nothing new to a gateway that does not offer the capability, and keeps reporting gaps', async () => {
    const gateway = await startFakeGateway();
    const client = track(new GatewayClient({ url: gateway.url, caps: ['tool-events'] }));
    const gaps: GapContext[] = [];
    client.on('gap', (gap) => gaps.push(gap));
    await client.connect();
    const connection = gateway.ready[0]!;
    expect(connection.params?.caps).toEqual(['tool-events']);
    const last = nextEvent(client, 'event', (event) => event.seq === 3);
    connection.sendEvent('health', { ok: true, ts: 1 }, 1);
    connection.sendEvent('health', { ok: true, ts: 3 }, 3);
    await last;
    expect(gaps).toEqual([{ expected: 2, received: 3 }]);
    expect(connection.requests).toEqual([]);
  });

  it('opts in when offered, but does not resume unless hello-ok confirms it', async () => {
    const gateway = await startFakeGateway({ capabilities: [RESUME_CAPABILITY], helloCapabilities: [] });
    const client = track(new GatewayClient({ url: gateway.url }));
    const gaps: GapContext[] = [];
    client.on('gap', (gap) => gaps.push(gap));
    await client.connect();
    const connection = gateway.ready[0]!;
    expect(connection.params?.caps).toEqual([RESUME_CAPABILITY]);
    const last = nextEvent(client, 'event', (event) => event.seq === 3);
    connection.sendEvent('health', { ok: true, ts: 1 }, 1);
    connection.sendEvent('health', { ok: true, ts: 3 }, 3);
    await last;
    expect(gaps).toHaveLength(1);
    expect(connection.requests).toEqual([]);
  });

  it('does not opt in with resume: false', async () => {
    const gateway = await startFakeGateway({ capabilities: [RESUME_CAPABILITY] });
    const client = track(new GatewayClient({ url: gateway.url, resume: false }));
    await client.connect();
    expect(gateway.ready[0]!.params?.caps).toEqual([]);
  });

  it('repairs a gap with gateway.resume on its own connection, then resumes the previous connection after a drop', async () => {
    const gateway = await startFakeGateway({
      capabilities: [RESUME_CAPABILITY],
      methods: {
        'gateway.resume': (params) => {
          const { previousConnId, lastSeq } = params as { previousConnId: string; lastSeq: number };
          if (previousConnId === 'fake-1' && lastSeq === 1) {
            return { recovered: true, replayed: 1, events: [{ type: 'event', event: 'health', payload: { ok: true, ts: 2 }, seq: 2 }] };
          }
          if (previousConnId === 'fake-1' && lastSeq === 3) return { recovered: false, reason: 'expired' };
          return NO_REPLY;
        },
      },
    });
    const client = track(new GatewayClient({ url: gateway.url, reconnect: FAST }));
    const seqs = healthSeqs(client);
    const resyncs: ResyncContext[] = [];
    client.on('resync', (context) => resyncs.push(context));
    await client.connect();
    const first = gateway.ready[0]!;
    const third = nextEvent(client, 'event', (event) => event.seq === 3);
    first.sendEvent('health', { ok: true, ts: 1 }, 1);
    first.sendEvent('health', { ok: true, ts: 3 }, 3);
    await third;
    expect(seqs).toEqual([1, 2, 3]);
    expect(first.requests.map((request) => request.params)).toEqual([{ previousConnId: 'fake-1', lastSeq: 1 }]);

    first.close(1012, 'restart');
    const resync = nextEvent(client, 'resync');
    await nextEvent(client, 'hello');
    const second = gateway.ready[1]!;
    const firstOfSecond = nextEvent(client, 'event', (event) => event.seq === 1);
    second.sendEvent('health', { ok: true, ts: 10 }, 1);
    expect(await resync).toEqual({ reason: 'expired', connId: 'fake-1' });
    await firstOfSecond;
    expect(second.requests.map((request) => request.params)).toEqual([{ previousConnId: 'fake-1', lastSeq: 3 }]);
    expect(seqs).toEqual([1, 2, 3, 1]);
    expect(resyncs).toHaveLength(1);
  });
});
