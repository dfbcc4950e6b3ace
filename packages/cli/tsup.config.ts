import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { sourceMapsWithoutDuplicateSources } from '../../tsup.shared.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const define = { __GATEWIRE_CLI_VERSION__: JSON.stringify(version) };

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    ...sourceMapsWithoutDuplicateSources,
    target: 'node20',
    platform: 'node',
    define,
  },
  {
    entry: ['src/bin.ts'],
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    define,
  },
]);
