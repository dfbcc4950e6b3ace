import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The `@gatewire/protocol/node` entry and its folder: Node-only by design, never imported by the other entries. */
const NODE_ONLY = [join(packageRoot, 'src', 'node.ts'), join(packageRoot, 'src', 'node-fs')];

describe('@gatewire/protocol is browser-safe', () => {
  const files = sourceFiles(join(packageRoot, 'src')).filter((file) => !NODE_ONLY.some((excluded) => file.startsWith(excluded)));

  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((file) => [file.slice(packageRoot.length)]))('%s imports no Node module and uses no Node global', (relative) => {
    const text = readFileSync(join(packageRoot, relative), 'utf8');
    expect(text).not.toMatch(/from\s+['"]node:/);
    expect(text).not.toMatch(/require\(\s*['"]/);
    expect(text).not.toMatch(/from\s+['"](fs|path|crypto|buffer|os|net|tls|http|https|stream|events|util)['"]/);
    expect(text).not.toMatch(/\bBuffer\.|\bprocess\.|__dirname/);
  });

  it('bundles the lite entry without the TypeBox runtime, and small', async () => {
    const result = await build({
      entryPoints: [join(packageRoot, 'src', 'lite.ts')],
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      platform: 'browser',
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('src/version.ts'))).toBe(true);
    expect(inputs.filter((input) => input.includes('node-fs'))).toEqual([]);
    expect(inputs.filter((input) => input.includes('typebox'))).toEqual([]);
    const bytes = result.outputFiles[0]?.contents.length ?? 0;
    expect(bytes).toBeGreaterThan(1000);
    expect(bytes).toBeLessThan(20_000);
  });

  it('bundles the full entry for browsers too (schemas and compiled validators, no Node module)', async () => {
    const result = await build({
      entryPoints: [join(packageRoot, 'src', 'index.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      metafile: true,
      logLevel: 'silent',
    });
    expect(Object.keys(result.metafile.inputs).some((input) => input.includes('typebox'))).toBe(true);
    expect(Object.keys(result.metafile.inputs).filter((input) => input.includes('node-fs'))).toEqual([]);
    expect(result.errors).toEqual([]);
  });
});
