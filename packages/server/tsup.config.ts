import { defineConfig } from 'tsup';
import { sourceMapsWithoutDuplicateSources } from '../../tsup.shared.ts';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  ...sourceMapsWithoutDuplicateSources,
  clean: true,
  target: 'es2022',
  platform: 'node',
  // import.meta.url in the CJS build (tracing loads the optional @opentelemetry/api with createRequire).
  shims: true,
  treeshake: true,
});
