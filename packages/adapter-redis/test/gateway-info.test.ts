import { describe, expect, it } from 'vitest';
import { clusterGatewayList, formatGatewayInfo, parseGatewayInfo } from '../src/gateway-info';

const counts = { total: 3, operator: 2, node: 1, unauthenticated: 0 };

describe('gateway info', () => {
  it('round-trips through its JSON, and lists an unreadable entry with zero counts rather than hiding it', () => {
    expect(parseGatewayInfo('g1', formatGatewayInfo({ startedAtMs: 5, connections: counts }), 'g2')).toEqual({ gatewayId: 'g1', self: false, startedAtMs: 5, connections: counts });
    expect(parseGatewayInfo('g1', 'not json', 'g1')).toEqual({ gatewayId: 'g1', self: true, startedAtMs: 0, connections: { total: 0, operator: 0, node: 0, unauthenticated: 0 } });
    expect(parseGatewayInfo('g1', JSON.stringify({ startedAtMs: -1, connections: { total: 1.5, operator: '2' } }), 'x').connections.total).toBe(0);
  });

  it('lists every gateway by start time, with this gateway\'s counts taken live instead of its stored ones', () => {
    const hash = { old: formatGatewayInfo({ startedAtMs: 1, connections: counts }), me: formatGatewayInfo({ startedAtMs: 2, connections: counts }) };
    const live = { ...counts, total: 9 };
    expect(clusterGatewayList(hash, { gatewayId: 'me', info: { startedAtMs: 2, connections: live } })).toEqual([
      { gatewayId: 'old', self: false, startedAtMs: 1, connections: counts },
      { gatewayId: 'me', self: true, startedAtMs: 2, connections: live },
    ]);
    expect(clusterGatewayList({}, { gatewayId: 'me', info: { startedAtMs: 2, connections: live } })).toHaveLength(1);
  });
});
