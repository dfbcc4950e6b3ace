import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RedisServer } from '@gatewire/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnvironment, installedCopies, installedVersion, npmInstall, packPackage, run, writeProject } from '../src/consumer-project';
import { repositoryRoot } from '../src/repo-boundary';

/**
 * A downstream project, outside the repository, installs the packed tarballs with plain npm, with a
 * TypeBox patch version the repository does not use, compiles strictly with `skipLibCheck: false`
 * under every resolution mode, and runs.
 */
const TYPEBOX_IN_CONSUMER = '0.34.41';
const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = repositoryRoot(HERE);
const TEMPLATE = join(HERE, '..', 'consumer');
const TSC_CONFIGS = ['nodenext', 'node16', 'bundler', 'browser', 'node10'] as const;
/** The OpenTelemetry packages a tracing host installs (the server's optional peer, and an SDK for the in-memory exporter). */
const OPENTELEMETRY_API = '^1.9.0';
const OPENTELEMETRY_SDK = '2';

let scratch: string;
let tarballs: Record<'protocol' | 'server' | 'client' | 'adapterRedis', string>;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'gatewire-consumer-'));
  const packed = join(scratch, 'tarballs');
  tarballs = {
    protocol: packPackage(join(ROOT, 'packages/protocol'), packed),
    server: packPackage(join(ROOT, 'packages/server'), packed),
    client: packPackage(join(ROOT, 'packages/client'), packed),
    adapterRedis: packPackage(join(ROOT, 'packages/adapter-redis'), packed),
  };
}, 600_000);

// Removing three npm projects' node_modules can take longer than the default 10 s hook timeout on a busy machine.
afterAll(() => {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
}, 120_000);

describe('a downstream project installs the packed packages with npm', () => {
  it('compiles with skipLibCheck false under nodenext, node16, bundler, a browser lib and node10, and runs (trace context with and without an OpenTelemetry SDK, the Redis adapter on a real redis-server)', async () => {
    const repositoryTypebox = (JSON.parse(readFileSync(join(ROOT, 'packages/protocol/package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['@sinclair/typebox'];
    expect(repositoryTypebox, 'the consumer must use another TypeBox than the repository').not.toBe(TYPEBOX_IN_CONSUMER);
    const project = join(scratch, 'app');
    writeProject(project, TEMPLATE, {
      '@gatewire/protocol': `file:${tarballs.protocol}`,
      '@gatewire/server': `file:${tarballs.server}`,
      '@gatewire/client': `file:${tarballs.client}`,
      '@gatewire/adapter-redis': `file:${tarballs.adapterRedis}`,
      '@sinclair/typebox': TYPEBOX_IN_CONSUMER,
      '@types/node': '^20.19.0',
      typescript: '5.9.3',
    });
    npmInstall(project);
    // One TypeBox, the application's: a peer dependency, not a nested pinned copy.
    expect(installedCopies(project, '@sinclair/typebox')).toEqual([join(project, 'node_modules/@sinclair/typebox')]);
    expect(installedVersion(project, '@sinclair/typebox')).toBe(TYPEBOX_IN_CONSUMER);
    expect(installedVersion(project, '@types/ws'), 'the published types must not need @types/ws').toBeUndefined();

    const tsc = join(project, 'node_modules/typescript/bin/tsc');
    for (const config of TSC_CONFIGS) run(process.execPath, [tsc, '-p', `tsconfig.${config}.json`], { cwd: project });

    const output = run(process.execPath, ['dist/main.js'], { cwd: project, timeout: 30_000 });
    expect(output).toContain('consumer ok: math.add(2, 3) = 5');
    const required = run(process.execPath, ['-e', "for (const name of ['@gatewire/protocol', '@gatewire/protocol/lite', '@gatewire/server', '@gatewire/client', '@gatewire/client/node', '@gatewire/client/browser', '@gatewire/client/device', '@gatewire/client/indexeddb', '@gatewire/adapter-redis']) require(name); console.log('require ok')"], { cwd: project });
    expect(required).toContain('require ok');

    // Trace context through both module formats: @opentelemetry/api comes with prom-client, so first without an SDK, then with one.
    expect(run(process.execPath, ['tracing/check.cjs', 'no-sdk'], { cwd: project, timeout: 30_000 })).toMatch(/cjs ok \(without[^]*esm ok \(without/);
    npmInstall(project, [`@opentelemetry/api@${OPENTELEMETRY_API}`, `@opentelemetry/sdk-trace-base@${OPENTELEMETRY_SDK}`]);
    expect(run(process.execPath, ['tracing/check.cjs', 'sdk'], { cwd: project, timeout: 30_000 })).toMatch(/cjs ok \(with an[^]*esm ok \(with an/);

    const redis = await RedisServer.start();
    try {
      const cluster = run(process.execPath, ['dist/cluster.js'], { cwd: project, timeout: 30_000, env: { ...cleanEnvironment(), REDIS_URL: redis.url } });
      expect(cluster).toContain('consumer cluster ok');
    } finally {
      await redis.kill();
    }
  }, 900_000);

  it('every tarball ships dist/ and no sources, and its exports name no source condition', () => {
    for (const [name, tarball] of Object.entries(tarballs)) {
      const files = run('tar', ['-tzf', tarball], { cwd: scratch }).split('\n').filter((line) => line !== '');
      expect(files.filter((file) => file.startsWith('package/src/')), name).toEqual([]);
      expect(files, name).toContain('package/dist/index.d.ts');
      const manifest = run('tar', ['-xzOf', tarball, 'package/package.json'], { cwd: scratch });
      expect(manifest, name).not.toContain('@gatewire/source');
    }
  });

  it('a client-only install does not pull TypeBox (it is an optional peer: types only)', () => {
    const project = join(scratch, 'client-only');
    writeProject(project, undefined, { '@gatewire/protocol': `file:${tarballs.protocol}`, '@gatewire/client': `file:${tarballs.client}` });
    npmInstall(project);
    expect(installedVersion(project, '@gatewire/client')).toBeDefined();
    expect(installedVersion(project, '@sinclair/typebox')).toBeUndefined();
    const output = run(process.execPath, ['--input-type=module', '-e', "import { GatewayClient } from '@gatewire/client'; new GatewayClient({ url: 'ws://127.0.0.1:9/' }); console.log('client ok')"], { cwd: project });
    expect(output).toContain('client ok');
  }, 300_000);
});
