import { describe, expect, it } from 'vitest';
import { requiredFileDescriptorLimit } from '../src/harness/fd-limit';
import { parseCliOptions, SCENARIO_IDS } from '../src/options';
import { evaluateTargets } from '../src/report/targets';
import { latencyRate } from '../src/run';
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
  it('passes and misses each target from the medians', () => {
    const targets = evaluateTargets([
      syntheticCase('rpc-throughput', 'rpc-throughput-1x64', 'requestsPerSec', 'higher', { gatewire: [85], ws: [100], socketio: [50], trpc: [20], 'rpc-websockets': [60] }),
      syntheticCase('rpc-latency', 'rpc-latency', 'p99Ms', 'lower', { gatewire: [1.6], ws: [1] }),
      syntheticCase('broadcast', 'broadcast-1000', 'deliveriesPerSec', 'higher', { gatewire: [90], ws: [100], socketio: [95] }),
      syntheticCase('memory', 'memory-1000', 'rssPerConnKiB', 'lower', { gatewire: [12], ws: [10] }),
      syntheticCase('bundle', 'bundle', 'gzipKB', 'lower', { gatewire: [14.9] }),
    ]);
    expect(Object.fromEntries(targets.map((target) => [target.id, target.status]))).toEqual({
      'rpc-throughput': 'pass',
      'rpc-latency': 'miss',
      broadcast: 'miss',
      memory: 'pass',
      bundle: 'pass',
    });
  });

  it('reports n/a for targets with nothing measured', () => {
    const targets = evaluateTargets([]);
    expect(targets.map((target) => target.status)).toEqual(['n/a', 'n/a', 'n/a', 'n/a', 'n/a']);
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
