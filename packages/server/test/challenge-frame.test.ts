import { describe, expect, it } from 'vitest';
import { challengeFrame } from '../src/handshake/challenge-frame';
import { startTestGateway } from './helpers/fixtures';

describe('connect.challenge frames', () => {
  it('are what JSON.stringify makes of the challenge event, with the resume offer when made', () => {
    const nonce = '0bb4c247-dd38-41c4-901f-7eb3fc694dc6';
    expect(challengeFrame(nonce, 1_796_227_237_482, false)).toBe(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce, ts: 1_796_227_237_482 } }));
    expect(challengeFrame('n"1', 5, true)).toBe(
      JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n"1', ts: 5, capabilities: ['gatewire.resume.v1'] } }),
    );
  });

  it('reach the client as its first frame, with the resume offer only when resume is on', async () => {
    for (const resume of [undefined, false] as const) {
      const target = await startTestGateway(resume === false ? { resume } : {});
      const client = await target.open();
      const challenge = await client.nextEvent('connect.challenge');
      expect(client.received[0]).toBe(challenge);
      const payload = challenge['payload'] as { nonce: string; ts: number; capabilities?: string[] };
      expect(payload.nonce).toMatch(/^[0-9a-f-]{36}$/);
      expect(Math.abs(payload.ts - Date.now())).toBeLessThan(60_000);
      expect(payload.capabilities).toEqual(resume === false ? undefined : ['gatewire.resume.v1']);
      expect(Object.keys(payload)).toEqual(resume === false ? ['nonce', 'ts'] : ['nonce', 'ts', 'capabilities']);
    }
  });
});
