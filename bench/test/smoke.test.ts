import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS } from '../src/options';
import { RESULTS_SCHEMA_VERSION, type BenchResults } from '../src/results';
import { SYSTEM_NAMES } from '../src/systems/types';

/**
 * Runs the real harness (built programs, child processes, every scenario and system) in the tiny
 * smoke profile and checks that it is correct: nothing failed, every system produced a number for
 * every case, the results file has the expected shape. It never checks a timing. The cluster
 * scenario (issue 13: a real redis-server, which CI installs through .ci/system-deps, and real
 * gateway processes on the Redis adapter) is part of that one run; `cluster.test.ts` checks the
 * run without redis-server.
 */

const benchDirectory = dirname(dirname(fileURLToPath(import.meta.url)));
// A plain run (no --out, no --write-report) writes here, in a folder git ignores.
const resultsFile = join(benchDirectory, 'results', 'raw', 'smoke.json');
/** `git status --porcelain` of the whole repository: what a run would leave dirty. */
const treeStatus = (): string => execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: dirname(benchDirectory), encoding: 'utf8' });

describe('pnpm bench --smoke', () => {
  let statusBefore = '';
  let stdout = '';
  let results: BenchResults;
  beforeAll(async () => {
    statusBefore = treeStatus();
    ({ stdout } = await promisify(execFile)(process.execPath, [join(benchDirectory, 'dist', 'cli.js'), '--smoke'], {
      cwd: benchDirectory,
      // Every scenario, metrics-overhead included (about 20 s of it on a busy 2-core machine); about
      // 45 s in all on a quiet one, over 180 s under a load average of 14 (the limit is a backstop).
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    }));
    results = JSON.parse(readFileSync(resultsFile, 'utf8')) as BenchResults;
  }, 320_000);

  it('leaves the tree as it was', () => {
    expect(treeStatus(), 'a plain bench run must not change the working tree').toBe(statusBefore);
  });

  it('measures every scenario for every system and writes a well-formed results file', () => {
    expect(results.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    expect(results.profile).toBe('smoke');
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(new Set(results.cases.map((entry) => entry.scenario))).toEqual(new Set(SCENARIO_IDS));
    expect(results.targets.map((target) => target.id)).toEqual([
      'rpc-throughput',
      'broadcast',
      'rpc-latency',
      'memory',
      'bundle',
      'handshake-token',
      'handshake-device',
      'cluster-broadcast',
      'cluster-invoke',
      'metrics-overhead',
    ]);

    for (const entry of results.cases) {
      expect(entry.errors, `${entry.id} failed measurements`).toEqual({});
      expect(entry.systems.length, entry.id).toBeGreaterThan(0);
      for (const system of entry.systems) {
        for (const metric of entry.metrics) {
          const samples = entry.samples[system]?.[metric.key];
          expect(samples, `${entry.id} ${system} ${metric.key}`).toHaveLength(entry.rounds);
          const value = entry.medians[system]?.[metric.key];
          if ((metric.key === 'clientOnlyGzipKB' || metric.key === 'allSubpathsGzipKB') && system !== 'gatewire') continue;
          expect(typeof value === 'number' && Number.isFinite(value), `${entry.id} ${system} ${metric.key} = ${String(value)}`).toBe(true);
        }
      }
    }
    for (const scenario of ['frames', 'rpc-throughput', 'rpc-latency', 'broadcast', 'memory', 'bundle'] as const) {
      const systems = new Set(results.cases.filter((entry) => entry.scenario === scenario).flatMap((entry) => entry.systems));
      expect([...systems].sort(), scenario).toEqual([...SYSTEM_NAMES].sort());
    }
    const handshakeSystems = new Set(results.cases.filter((entry) => entry.scenario === 'handshake').flatMap((entry) => entry.systems));
    expect([...handshakeSystems].sort()).toEqual([...SYSTEM_NAMES].sort());

    // The paired windows of issue 15's goals: one ratio per pair, each the pair's Gatewire ÷ raw ws.
    const versus = results.cases.filter((entry) => entry.scenario === 'versus-ws');
    expect(versus.map((entry) => entry.id)).toEqual(['versus-ws-handshake-token', 'versus-ws-handshake-device', 'versus-ws-broadcast-4']);
    for (const entry of versus) {
      const samples = entry.samples.gatewire ?? {};
      expect(samples['ratio'], entry.id).toHaveLength(2);
      samples['ratio']?.forEach((value, pair) => expect(value).toBeCloseTo((samples['gatewire']?.[pair] ?? 0) / (samples['ws']?.[pair] ?? 1)));
    }

    const throughput = results.cases.find((entry) => entry.scenario === 'rpc-throughput');
    expect(throughput?.medians.gatewire?.['requestsPerSec']).toBeGreaterThan(0);
    expect(throughput?.ratios.ws?.['requestsPerSec']).toBeCloseTo((throughput?.medians.gatewire?.['requestsPerSec'] ?? 0) / (throughput?.medians.ws?.['requestsPerSec'] ?? 1));

    expect(stdout).toContain('== Targets');
    for (const entry of results.cases) expect(stdout).toContain(entry.title);
    expect(stdout).toContain('Frame sizes (request/response, bytes on the wire): Gatewire');
  });

  it('measures 1 gateway on Redis against in-memory, 2 and 3 gateways with each one\'s CPU, the latency across gateways and node.invoke across gateways', () => {
    const cluster = results.cases.filter((entry) => entry.scenario === 'cluster');
    expect(cluster.map((entry) => entry.id)).toEqual([
      'cluster-broadcast-6-1-gateway',
      'cluster-broadcast-6-2-gateways',
      'cluster-broadcast-6-3-gateways',
      'cluster-publish-latency',
      'cluster-invoke-round-trip',
    ]);
    for (const entry of cluster) {
      expect(entry.errors, `${entry.id} failed measurements`).toEqual({});
      for (const metric of entry.metrics) {
        const value = entry.medians.gatewire?.[metric.key];
        expect(Number.isFinite(value), `${entry.id} ${metric.key} = ${String(value)}`).toBe(true);
        if (metric.key !== 'addedP50Ms') expect(value, `${entry.id} ${metric.key}`).toBeGreaterThan(0);
      }
    }
    const [, two, three] = cluster;
    expect(two?.metrics.filter((metric) => metric.key.endsWith('CpuUsPerDelivery'))).toHaveLength(2);
    expect(three?.metrics.filter((metric) => metric.key.endsWith('CpuUsPerDelivery'))).toHaveLength(3);
  });
});
