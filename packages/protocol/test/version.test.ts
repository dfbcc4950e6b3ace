import { describe, expect, it } from 'vitest';
import {
  clientProtocolWindow,
  MIN_CLIENT_PROTOCOL_VERSION,
  MIN_NODE_PROTOCOL_VERSION,
  MIN_PROBE_PROTOCOL_VERSION,
  negotiateProtocol,
  PROTOCOL_VERSION,
} from '../src/index';

describe('protocol version constants', () => {
  it('match the OpenClaw v4 reference', () => {
    expect([PROTOCOL_VERSION, MIN_CLIENT_PROTOCOL_VERSION, MIN_NODE_PROTOCOL_VERSION, MIN_PROBE_PROTOCOL_VERSION]).toEqual([4, 4, 3, 3]);
  });
});

describe('negotiateProtocol', () => {
  it('accepts any window containing 4', () => {
    expect(negotiateProtocol(4, 4)).toEqual({ ok: true, protocol: 4 });
    expect(negotiateProtocol(1, 9)).toEqual({ ok: true, protocol: 4 });
  });

  it('refuses an operator on v3 with the reference mismatch details', () => {
    expect(negotiateProtocol(3, 3, { role: 'operator', mode: 'cli' })).toEqual({
      ok: false,
      details: { code: 'PROTOCOL_MISMATCH', clientMinProtocol: 3, clientMaxProtocol: 3, expectedProtocol: 4, minimumProbeProtocol: 3 },
    });
    expect(negotiateProtocol(5, 6).ok).toBe(false);
  });

  it('admits probes on v3 and node-mode nodes on an exact v3 window, still answering 4', () => {
    expect(negotiateProtocol(3, 3, { mode: 'probe' })).toEqual({ ok: true, protocol: 4 });
    expect(negotiateProtocol(3, 3, { role: 'node', mode: 'node' })).toEqual({ ok: true, protocol: 4 });
  });

  it('keeps the node window to node role AND node mode', () => {
    expect(negotiateProtocol(3, 3, { role: 'node', mode: 'backend' }).ok).toBe(false);
    expect(negotiateProtocol(3, 3, { role: 'operator', mode: 'node' }).ok).toBe(false);
    expect(negotiateProtocol(2, 2, { role: 'node', mode: 'node' }).ok).toBe(false);
  });

  it('refuses malformed windows', () => {
    expect(negotiateProtocol(4, 3).ok).toBe(false);
    expect(negotiateProtocol(Number.NaN, 4).ok).toBe(false);
    expect(negotiateProtocol(0, 4).ok).toBe(false);
  });
});

describe('clientProtocolWindow', () => {
  it('is [4,4] for ordinary clients and [3,4] for probes and node-mode nodes', () => {
    expect(clientProtocolWindow()).toEqual({ minProtocol: 4, maxProtocol: 4 });
    expect(clientProtocolWindow({ mode: 'probe' })).toEqual({ minProtocol: 3, maxProtocol: 4 });
    expect(clientProtocolWindow({ role: 'node', mode: 'node' })).toEqual({ minProtocol: 3, maxProtocol: 4 });
  });
});
