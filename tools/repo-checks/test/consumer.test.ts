import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedCopies, installedVersion, npmInstall, packPackage, run, writeProject } from '../src/consumer-project';
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

let scratch: string;
let tarballs: Record<'protocol' | 'server' | 'client', string>;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'gatewire-consumer-'));
  const packed = join(scratch, 'tarballs');
  tarballs = {
    protocol: packPackage(join(ROOT, 'packages/protocol'), packed),
    server: packPackage(join(ROOT, 'packages/server'), packed),
    client: packPackage(join(ROOT, 'packages/client'), packed),
  };
}, 600_000);

afterAll(() => {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

describe('a downstream project installs the packed packages with npm', () => {
  it('compiles with skipLibCheck false under nodenext, node16, bundler, a browser lib and node10, and runs', () => {
    const repositoryTypebox = (JSON.parse(readFileSync(join(ROOT, 'packages/protocol/package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['@sinclair/typebox'];
    expect(repositoryTypebox, 'the consumer must use another TypeBox than the repository').not.toBe(TYPEBOX_IN_CONSUMER);
    const project = join(scratch, 'app');
    writeProject(project, TEMPLATE, {
      '@gatewire/protocol': `file:${tarballs.protocol}`,
      '@gatewire/server': `file:${tarballs.server}`,
      '@gatewire/client': `file:${tarballs.client}`,
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
    const required = run(process.execPath, ['-e', "for (const name of ['@gatewire/protocol', '@gatewire/protocol/lite', '@gatewire/server', '@gatewire/client', '@gatewire/client/node', '@gatewire/client/browser']) require(name); console.log('require ok')"], { cwd: project });
    expect(required).toContain('require ok');
  }, 900_000);

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
