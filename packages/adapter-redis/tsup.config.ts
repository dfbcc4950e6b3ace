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
  treeshake: true,
  external: ['redis', '@gatewire/protocol', '@gatewire/server'],
});
