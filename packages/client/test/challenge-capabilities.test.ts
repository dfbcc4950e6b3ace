import { RESUME_CAPABILITY } from '@gatewire/protocol';
import { describe, expect, it } from 'vitest';
import { parseChallenge } from '../src/handshake';
import { connectCaps } from '../src/resume/negotiation';

describe('connect.challenge capabilities and the caps sent', () => {
  it('keeps only the string capabilities of the challenge', () => {
    const payload = { nonce: 'n', ts: 1, capabilities: ['a', 5, null, RESUME_CAPABILITY, { x: 1 }] };
    expect(parseChallenge(payload)?.capabilities).toEqual(['a', RESUME_CAPABILITY]);
    expect(parseChallenge({ nonce: 'n', ts: 1, capabilities: [RESUME_CAPABILITY, 'b'] })?.capabilities).toEqual([RESUME_CAPABILITY, 'b']);
    expect(parseChallenge({ nonce: 'n', ts: 1, capabilities: 'x' })?.capabilities).toEqual([]);
    expect(parseChallenge({ nonce: 'n', ts: 1 })?.capabilities).toEqual([]);
  });

  it('adds the resume capability once, after the configured caps, only when resume is on and it is offered', () => {
    const configured = ['tool-events'];
    expect(connectCaps(configured, true, [RESUME_CAPABILITY])).toEqual(['tool-events', RESUME_CAPABILITY]);
    expect(connectCaps([RESUME_CAPABILITY], true, [RESUME_CAPABILITY])).toEqual([RESUME_CAPABILITY]);
    expect(connectCaps(configured, false, [RESUME_CAPABILITY])).toEqual(['tool-events']);
    expect(connectCaps(configured, true, [])).toEqual(['tool-events']);
    // The result is a copy: the configured list is never changed.
    const caps = connectCaps(configured, true, [RESUME_CAPABILITY]);
    caps.push('x');
    expect(configured).toEqual(['tool-events']);
    expect(connectCaps([], true, [RESUME_CAPABILITY])).toEqual([RESUME_CAPABILITY]);
  });
});
