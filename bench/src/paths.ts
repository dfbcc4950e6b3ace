import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `bench/` package directory, found from this module's location (works from src/ and dist/). */
export function benchRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@gatewire/bench') return directory;
    directory = dirname(directory);
  }
  throw new Error('cannot find the @gatewire/bench package directory');
}

/** Where the outputs go. */
export function outputPaths(root = benchRoot()): { dist: string; results: string; raw: string; docs: string; charts: string } {
  const repository = dirname(root);
  return {
    dist: join(root, 'dist'),
    results: join(root, 'results'),
    raw: join(root, 'results', 'raw'),
    docs: join(repository, 'docs', 'benchmarks.md'),
    charts: join(repository, 'docs', 'benchmarks'),
  };
}
