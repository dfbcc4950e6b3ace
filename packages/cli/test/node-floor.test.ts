import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCodes } from '../src/exit-codes';
import { BIN, runCli, tempHome, type RunResult } from './helpers/spawn-cli';

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const { engines, version } = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { engines: { node: string }; version: string };

/** The oldest Node the package claims: `>=20.12.0` gives `20.12.0`, `>=20` gives `20.0.0`. */
function engineFloor(range: string): string {
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (match === null) throw new Error(`engines.node must be a plain ">=x.y.z" floor for this check, got "${range}"`);
  return `${match[1]}.${match[2] ?? 0}.${match[3] ?? 0}`;
}

const FLOOR = engineFloor(engines.node);
/** Cached Node binaries live under node_modules (ignored by git), one folder per version. */
const CACHE = join(PACKAGE_DIR, 'node_modules', '.cache', 'node-floor', FLOOR);
const NODE = join(CACHE, 'package', 'bin', 'node');

/** Install the floor Node from the npm registry (`node-<platform>-<arch>@<version>`), once. */
async function installFloorNode(): Promise<void> {
  if (existsSync(NODE)) return;
  await rm(CACHE, { recursive: true, force: true });
  await mkdir(CACHE, { recursive: true });
  const name = `node-${process.platform}-${process.arch}@${FLOOR}`;
  const { stdout } = await run('npm', ['pack', name, '--silent', '--pack-destination', CACHE], { cwd: CACHE, maxBuffer: 1 << 20 });
  await run('tar', ['xzf', join(CACHE, stdout.trim().split('\n').pop() ?? ''), '-C', CACHE]);
}

function runFloor(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return runCli(args, env, NODE);
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe(`the built CLI on the oldest Node that engines allows (${engines.node}, i.e. ${FLOOR})`, () => {
  beforeAll(installFloorNode, 300_000);

  it('every workspace package claims the same floor, so this check covers the libraries the CLI runs', async () => {
    const packagesDir = join(PACKAGE_DIR, '..');
    for (const name of await readdir(packagesDir)) {
      const manifest = join(packagesDir, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const claimed = (JSON.parse(readFileSync(manifest, 'utf8')) as { engines?: { node?: string } }).engines?.node;
      expect({ name, floor: claimed === undefined ? undefined : engineFloor(claimed) }).toEqual({ name, floor: FLOOR });
    }
  });

  it('runs --version, --help, start on port 0 and status', async () => {
    expect((await run(NODE, ['--version'])).stdout.trim()).toBe(`v${FLOOR}`);
    const versionResult = await runFloor(['--version']);
    expect(versionResult.stderr).toBe('');
    expect(versionResult.stdout.trim()).toBe(version);
    const help = await runFloor(['--help']);
    expect(help.code).toBe(ExitCodes.OK);
    expect(help.stdout).toContain('Usage: gatewire');

    const home = await tempHome();
    cleanups.push(home.cleanup);
    const gateway = spawn(NODE, [BIN, 'start', '--port', '0', '--log-level', 'warn'], { env: { ...process.env, NO_COLOR: '1', GATEWIRE_HOME: home.dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => gateway.once('close', (code) => resolve(code)));
    cleanups.push(async () => {
      if (gateway.exitCode === null) gateway.kill('SIGKILL');
      await exited;
    });
    const url = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      gateway.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const found = /listening on (\S+)/.exec(stderr);
        if (found?.[1] !== undefined && /Stop:\s+Ctrl-C/.test(stderr)) resolve(found[1]);
      });
      void exited.then((code) => reject(new Error(`start exited ${code}: ${stderr}`)));
    });
    const status = await runFloor(['status', '--url', url, '--json'], { GATEWIRE_HOME: home.dir });
    expect(status.code).toBe(ExitCodes.OK);
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'ok' });
    gateway.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});
