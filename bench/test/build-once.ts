import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Vitest global setup: build the harness programs once, so the smoke test runs what `pnpm bench` runs. */
export default function setup(): void {
  const benchDirectory = dirname(dirname(fileURLToPath(import.meta.url)));
  const tsupPackage = createRequire(import.meta.url).resolve('tsup/package.json');
  execFileSync(process.execPath, [join(dirname(tsupPackage), 'dist', 'cli-default.js'), '--silent'], { cwd: benchDirectory, stdio: 'inherit' });
}
