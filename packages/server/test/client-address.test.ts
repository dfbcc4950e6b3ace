import { describe, expect, it } from 'vitest';
import { parseCidrList } from '../src/net/ip-address';
import { hasForwardingHeaders, MAX_REMEMBERED_PEERS, resolveClientAddress } from '../src/net/client-address';

const direct = { trustedProxies: parseCidrList([]), allowRealIpFallback: false };
const behindProxy = { trustedProxies: parseCidrList(['127.0.0.1']), allowRealIpFallback: false };

describe('resolveClientAddress', () => {
  it('normalizes the peer and classifies loopback from one parse', () => {
    expect(resolveClientAddress('::ffff:127.0.0.1', {}, direct)).toEqual({
      peerAddress: '127.0.0.1',
      clientIp: '127.0.0.1',
      viaTrustedProxy: false,
      isDirectLocal: true,
      isLoopbackClient: true,
      isLocalPeer: true,
    });
    expect(resolveClientAddress('10.1.2.3', {}, direct)).toMatchObject({ peerAddress: '10.1.2.3', isDirectLocal: false, isLoopbackClient: false });
    expect(resolveClientAddress('not-an-ip', {}, direct)).toMatchObject({ peerAddress: 'not-an-ip', isDirectLocal: false, isLoopbackClient: false });
  });

  it('parses a direct peer once and shares its frozen address, remembering at most MAX_REMEMBERED_PEERS peers', () => {
    const first = resolveClientAddress('::ffff:192.0.2.77', {}, direct);
    expect(resolveClientAddress('::ffff:192.0.2.77', {}, direct)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    // A forwarding header or a trusted proxy gives a connection its own address, not the shared one.
    expect(resolveClientAddress('::ffff:192.0.2.77', { 'x-forwarded-for': '203.0.113.9' }, direct)).not.toBe(first);
    for (let index = 0; index < MAX_REMEMBERED_PEERS; index += 1) resolveClientAddress(`198.18.${index >> 8}.${index & 255}`, {}, direct);
    const again = resolveClientAddress('::ffff:192.0.2.77', {}, direct);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('classifies the forwarded client behind a trusted proxy, not the proxy', () => {
    expect(resolveClientAddress('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }, behindProxy)).toEqual({
      peerAddress: '127.0.0.1',
      clientIp: '203.0.113.9',
      viaTrustedProxy: true,
      isDirectLocal: false,
      isLoopbackClient: false,
      isLocalPeer: true,
    });
  });

  it('treats a Unix-socket peer as local, under its own address, and trusts no proxy over it', () => {
    expect(resolveClientAddress('', {}, behindProxy, true)).toEqual({
      peerAddress: 'unix',
      clientIp: 'unix',
      viaTrustedProxy: false,
      isDirectLocal: true,
      isLoopbackClient: true,
      isLocalPeer: true,
    });
    expect(resolveClientAddress('', { 'x-forwarded-for': '203.0.113.9' }, behindProxy, true)).toMatchObject({ clientIp: 'unix', isDirectLocal: false });
    // An empty TCP peer address (a socket already gone) is not local.
    expect(resolveClientAddress('', {}, direct)).toMatchObject({ isDirectLocal: false, isLoopbackClient: false, isLocalPeer: false });
  });
});

describe('hasForwardingHeaders', () => {
  it('finds Forwarded, X-Forwarded-* and X-Real-IP in any case, and nothing else', () => {
    for (const name of ['forwarded', 'Forwarded', 'X-Forwarded-For', 'x-forwarded-host', 'X-FORWARDED-PROTO', 'x-forwarded-anything', 'X-Real-IP', 'x-real-ip']) {
      expect(hasForwardingHeaders({ host: 'h', upgrade: 'websocket', [name]: 'v' })).toBe(true);
    }
    for (const name of ['forwarded-for', 'x-forwarded', 'xforwarded-for', 'x-real-ipv6', 'via', 'fx-forwarded-for', 'x-request-id']) {
      expect(hasForwardingHeaders({ host: 'h', upgrade: 'websocket', [name]: 'v' })).toBe(false);
    }
    expect(hasForwardingHeaders({})).toBe(false);
  });
});
