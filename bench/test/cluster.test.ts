import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../src/results';

/**
 * The cluster scenario (issue 13) run for real in the smoke profile: a real redis-server (CI
 * installs it through .ci/system-deps), real gateway processes on the Redis adapter. It checks that
 * every case produced finite figures for every gateway, never a timing.
 */

const benchDirectory = dirname(dirname(fileURLToPath(import.meta.url)));
const cli = join(benchDirectory, 'dist', 'cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'gatewire-bench-cluster-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const run = promisify(execFile);

describe('pnpm bench --only=cluster', () => {
  it('measures 1 gateway on Redis against in-memory, 2 and 3 gateways with each one\'s CPU, the latency across gateways and node.invoke across gateways', async () => {
    const out = join(scratch, 'cluster.json');
    const { stdout } = await run(process.execPath, [cli, '--smoke', '--only=cluster', `--out=${out}`], { cwd: benchDirectory, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
    const results = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
    expect(results.cases.map((entry) => entry.id)).toEqual([
      'cluster-broadcast-6-1-gateway',
      'cluster-broadcast-6-2-gateways',
      'cluster-broadcast-6-3-gateways',
      'cluster-publish-latency',
      'cluster-invoke-round-trip',
    ]);
    for (const entry of results.cases) {
      expect(entry.errors, `${entry.id} failed measurements`).toEqual({});
      for (const metric of entry.metrics) {
        const value = entry.medians.gatewire?.[metric.key];
        expect(Number.isFinite(value), `${entry.id} ${metric.key} = ${String(value)}`).toBe(true);
        if (metric.key !== 'addedP50Ms') expect(value, `${entry.id} ${metric.key}`).toBeGreaterThan(0);
      }
      expect(stdout).toContain(entry.title);
    }
    const [, two, three] = results.cases;
    expect(two?.metrics.filter((metric) => metric.key.endsWith('CpuUsPerDelivery'))).toHaveLength(2);
    expect(three?.metrics.filter((metric) => metric.key.endsWith('CpuUsPerDelivery'))).toHaveLength(3);
  }, 90_000);

  it('is skipped with a message, not a crash, when redis-server is not installed', async () => {
    const out = join(scratch, 'absent.json');
    const { stdout, stderr } = await run(process.execPath, [cli, '--smoke', '--only=cluster', `--out=${out}`], { cwd: benchDirectory, timeout: 30_000, env: { ...process.env, PATH: pathWithout('redis-server') } });
    expect(stderr).toContain('skipped: redis-server is not installed');
    expect((JSON.parse(readFileSync(out, 'utf8')) as BenchResults).cases).toEqual([]);
    expect(stdout).toContain('== Targets');
  });
});

/** A PATH with what the harness runs (bash for `ulimit`, git) but no `command`. */
function pathWithout(command: string): string {
  const bin = join(scratch, 'bin');
  mkdirSync(bin, { recursive: true });
  const directories = (process.env['PATH'] ?? '').split(delimiter);
  for (const tool of ['bash', 'sh', 'git']) {
    const found = directories.map((directory) => join(directory, tool)).find((candidate) => existsSync(candidate));
    if (found !== undefined && !existsSync(join(bin, tool))) symlinkSync(found, join(bin, tool));
  }
  if (existsSync(join(bin, command))) throw new Error(`${command} is in ${bin}`);
  return bin;
}
