import { describe, expect, it } from 'vitest';
import { requiredFileDescriptorLimit } from '../src/harness/fd-limit';
import { parseCliOptions, SCENARIO_IDS } from '../src/options';
import { evaluateTargets } from '../src/report/targets';
import { latencyRate } from '../src/run';
import type { SystemName } from '../src/systems/types';
import { syntheticCase } from './fixtures';

describe('summarizeCase', () => {
  it('takes medians per system and Gatewire ÷ baseline ratios', () => {
    const result = syntheticCase('rpc-throughput', 'rpc-throughput-1x64', 'requestsPerSec', 'higher', {
      gatewire: [90, 80, 100],
      ws: [100, 120, 110],
      socketio: [40, 50, Number.NaN],
    });
    expect(result.medians.gatewire?.['requestsPerSec']).toBe(90);
    expect(result.medians.ws?.['requestsPerSec']).toBe(110);
    expect(result.medians.socketio?.['requestsPerSec']).toBe(45);
    expect(result.ratios.ws?.['requestsPerSec']).toBeCloseTo(90 / 110);
    expect(result.ratios.socketio?.['requestsPerSec']).toBeCloseTo(2);
    expect(result.ratios.gatewire).toBeUndefined();
  });

  it('has no ratios when Gatewire was not measured', () => {
    const result = syntheticCase('broadcast', 'broadcast-10', 'deliveriesPerSec', 'higher', { ws: [1], socketio: [2] });
    expect(result.ratios).toEqual({});
  });
});

describe('evaluateTargets', () => {
  /** A run in which every goal of issues 13, 14 and 15 holds, exactly at its threshold where one is given. */
  const passingRun = () => [
    syntheticCase('rpc-throughput', 'rpc-throughput-1x64', 'requestsPerSec', 'higher', { gatewire: [140], ws: [100] }),
    syntheticCase('rpc-throughput', 'rpc-throughput-200x8', 'requestsPerSec', 'higher', { gatewire: [100], ws: [100], socketio: [300] }),
    syntheticCase('rpc-latency', 'rpc-latency', 'p99Ms', 'lower', { gatewire: [1.5], ws: [1] }),
    // The round-based broadcast and handshake cases compare every system; the goals read the paired windows (versus-ws).
    syntheticCase('broadcast', 'broadcast-1000', 'deliveriesPerSec', 'higher', { gatewire: [50], ws: [100] }),
    syntheticCase('versus-ws', 'versus-ws-broadcast-1000', 'ratio', 'higher', { gatewire: [1.2] }),
    syntheticCase('versus-ws', 'versus-ws-broadcast-10000', 'ratio', 'higher', { gatewire: [1.01] }),
    syntheticCase('memory', 'memory-10000', 'rssPerConnKiB', 'lower', { gatewire: [10], ws: [10] }),
    syntheticCase('bundle', 'bundle', 'gzipKB', 'lower', { gatewire: [12] }),
    syntheticCase('handshake', 'handshake-token', 'handshakesPerSec', 'higher', { gatewire: [50], ws: [100] }),
    syntheticCase('handshake', 'handshake-upgrade', 'handshakesPerSec', 'higher', { ws: [100] }),
    syntheticCase('versus-ws', 'versus-ws-handshake-token', 'ratio', 'higher', { gatewire: [0.9] }),
    syntheticCase('versus-ws', 'versus-ws-handshake-device', 'ratio', 'higher', { gatewire: [0.85] }),
    syntheticCase('cluster', 'cluster-broadcast-3000-1-gateway', 'ratio', 'higher', { gatewire: [0.7] }),
    syntheticCase('cluster', 'cluster-broadcast-3000-2-gateways', 'deliveriesPerSec', 'higher', { gatewire: [1] }),
    syntheticCase('cluster', 'cluster-invoke-round-trip', 'addedP50Ms', 'lower', { gatewire: [1] }),
    syntheticCase('metrics-overhead', 'metrics-overhead-rpc-200x8', 'ratio', 'higher', { gatewire: [0.95] }),
    syntheticCase('metrics-overhead', 'metrics-overhead-broadcast-1000', 'ratio', 'higher', { gatewire: [1.02] }),
  ];
  const statuses = (cases: Parameters<typeof evaluateTargets>[0]) => Object.fromEntries(evaluateTargets(cases).map((target) => [target.id, target.status]));
  const ids = ['rpc-throughput', 'broadcast', 'rpc-latency', 'memory', 'bundle', 'handshake-token', 'handshake-device', 'cluster-broadcast', 'cluster-invoke', 'metrics-overhead'];

  it('checks the goals of issues 15, 13 and 14, each passing at its threshold', () => {
    const targets = evaluateTargets(passingRun());
    expect(targets.map((target) => target.id)).toEqual(ids);
    expect(targets.every((target) => target.status === 'pass')).toBe(true);
    const measured = Object.fromEntries(targets.map((target) => [target.id, target.measured]));
    expect(measured['rpc-throughput']).toBe('1x64: 1.40× ws; 200x8: 1.00× ws');
    expect(measured['broadcast']).toBe('N=1000: 1.20× ws; N=10000: 1.01× ws');
    expect(measured['bundle']).toBe('min+gz: 12.0 kB');
    expect(measured['cluster-broadcast']).toBe('N=3000: 0.70× in-memory');
    expect(measured['cluster-invoke']).toBe('added p50: 1.00 ms');
    expect(measured['metrics-overhead']).toBe('rpc-200x8: 0.95× metrics off; broadcast-1000: 1.02× metrics off');
    expect(targets.find((target) => target.id === 'handshake-device')?.description).toBe('Handshakes/s with a device signature ≥ 0.85× raw ws (issue 15)');
  });

  it.each([
    ['rpc-throughput', 'rpc-throughput-200x8', 'requestsPerSec', { gatewire: [99], ws: [100] }],
    ['broadcast', 'versus-ws-broadcast-10000', 'ratio', { gatewire: [0.99] }],
    ['rpc-latency', 'rpc-latency', 'p99Ms', { gatewire: [1.51], ws: [1] }],
    ['memory', 'memory-10000', 'rssPerConnKiB', { gatewire: [10.1], ws: [10] }],
    ['bundle', 'bundle', 'gzipKB', { gatewire: [12.01] }],
    ['handshake-token', 'versus-ws-handshake-token', 'ratio', { gatewire: [0.89] }],
    ['handshake-device', 'versus-ws-handshake-device', 'ratio', { gatewire: [0.84] }],
    ['cluster-broadcast', 'cluster-broadcast-3000-1-gateway', 'ratio', { gatewire: [0.69] }],
    ['cluster-invoke', 'cluster-invoke-round-trip', 'addedP50Ms', { gatewire: [1.01] }],
    ['metrics-overhead', 'metrics-overhead-rpc-200x8', 'ratio', { gatewire: [0.94] }],
  ] as Array<[string, string, string, Partial<Record<SystemName, number[]>>]>)('misses %s when one of its cases (%s) is past the threshold', (target, id, metric, values) => {
    const run = passingRun().map((entry) => (entry.id === id ? syntheticCase(entry.scenario, id, metric, 'higher', values) : entry));
    expect(statuses(run)).toEqual({ ...Object.fromEntries(ids.map((name) => [name, 'pass'])), [target]: 'miss' });
  });

  it('says "not measured" for a goal whose scenario did not run', () => {
    const targets = evaluateTargets([]);
    expect(targets.map((target) => target.status)).toEqual(ids.map(() => 'n/a'));
    expect(targets.every((target) => target.measured === 'not measured')).toBe(true);
    const withoutCluster = evaluateTargets(passingRun().filter((entry) => entry.scenario !== 'cluster'));
    expect(withoutCluster.filter((target) => target.status === 'n/a').map((target) => [target.id, target.measured])).toEqual([
      ['cluster-broadcast', 'not measured'],
      ['cluster-invoke', 'not measured'],
    ]);
  });

  it('is n/a, not pass, when the baseline of a case was not measured', () => {
    const run = passingRun().map((entry) =>
      entry.id === 'rpc-throughput-1x64' ? syntheticCase('rpc-throughput', 'rpc-throughput-1x64', 'requestsPerSec', 'higher', { gatewire: [140] }) : entry,
    );
    const rpc = evaluateTargets(run).find((target) => target.id === 'rpc-throughput');
    expect(rpc).toMatchObject({ status: 'n/a', measured: '1x64: —; 200x8: 1.00× ws' });
  });

  it('judges the handshake and broadcast goals on the paired windows, not on the round-based cases', () => {
    const run = passingRun().filter((entry) => entry.scenario !== 'versus-ws');
    const targets = Object.fromEntries(evaluateTargets(run).map((target) => [target.id, target.status]));
    expect([targets['broadcast'], targets['handshake-token'], targets['handshake-device']]).toEqual(['n/a', 'n/a', 'n/a']);
  });
});

describe('latencyRate', () => {
  it('takes the fraction of the lower of Gatewire and raw ws single-connection peaks', () => {
    const single = syntheticCase('rpc-throughput', 'rpc-throughput-1x64', 'requestsPerSec', 'higher', { gatewire: [40_000], ws: [60_000], socketio: [10_000] });
    expect(latencyRate(single, 0.5).rate).toBe(20_000);
  });

  it('falls back to a default rate without a peak', () => {
    expect(latencyRate(undefined, 0.5).rate).toBe(1000);
  });
});

describe('parseCliOptions', () => {
  it('defaults to the quick profile, every scenario and system, without writing the committed report', () => {
    const options = parseCliOptions([]);
    expect(options.profile.name).toBe('quick');
    expect(options.profile.rounds).toBeGreaterThanOrEqual(3);
    expect(options.scenarios).toEqual(SCENARIO_IDS);
    expect(options.docs).toBe(false);
  });

  it('reads --full, --smoke, --rounds, --only, --systems and --out; writes the committed report only with --write-report', () => {
    expect(parseCliOptions(['--full']).profile.name).toBe('full');
    const smoke = parseCliOptions(['--smoke', '--rounds=2', '--only=bundle,memory', '--systems=gatewire,ws', '--out=x.json']);
    expect(smoke.profile.name).toBe('smoke');
    expect(smoke.profile.rounds).toBe(2);
    expect(smoke.scenarios).toEqual(['bundle', 'memory']);
    expect(smoke.systems).toEqual(['gatewire', 'ws']);
    expect(smoke.out).toBe('x.json');
    expect(smoke.docs).toBe(false);
    expect(parseCliOptions([]).docs).toBe(false);
    expect(parseCliOptions(['--full']).docs).toBe(false);
    expect(parseCliOptions(['--full', '--write-report']).docs).toBe(true);
    expect(() => parseCliOptions(['--docs'])).toThrow(TypeError);
  });

  it('rejects unknown options and names', () => {
    expect(() => parseCliOptions(['--fast'])).toThrow(TypeError);
    expect(() => parseCliOptions(['--systems=grpc'])).toThrow(TypeError);
    expect(() => parseCliOptions(['--rounds=0'])).toThrow(TypeError);
  });
});

describe('requiredFileDescriptorLimit', () => {
  it('leaves the limit alone when the soft limit covers the connections', () => {
    expect(requiredFileDescriptorLimit(10_000, { soft: 20_000, hard: 20_000 })).toBeUndefined();
  });

  it('raises to 65,536 (capped at the hard limit) or to what the scenario needs', () => {
    expect(requiredFileDescriptorLimit(10_000, { soft: 1024, hard: 1_048_576 })).toBe(65_536);
    expect(requiredFileDescriptorLimit(10_000, { soft: 1024, hard: 20_000 })).toBe(20_000);
    expect(requiredFileDescriptorLimit(30_000, { soft: 1024, hard: 20_000 })).toBe(31_024);
  });
});
