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
  {
    // The /monitor page of `gatewire start --monitor`: one browser bundle (the browser build of
    // @gatewire/client included), with its HTML and CSS copied beside it.
    entry: { app: 'src/monitor-page/app.ts' },
    outDir: 'dist/monitor-page',
    publicDir: 'src/monitor-page/static',
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    noExternal: [/.*/],
    minify: true,
    sourcemap: false,
    dts: false,
    clean: false,
    outExtension: () => ({ js: '.js' }),
  },
]);
