import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../src/results';

/**
 * The cluster scenario (issue 13) without redis-server on the PATH. Its run with a real
 * redis-server is part of the one smoke run of every scenario (`smoke.test.ts`), which checks that
 * every cluster case produced finite figures for every gateway.
 */

const benchDirectory = dirname(dirname(fileURLToPath(import.meta.url)));
const cli = join(benchDirectory, 'dist', 'cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'gatewire-bench-cluster-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const run = promisify(execFile);

describe('pnpm bench --only=cluster', () => {
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
