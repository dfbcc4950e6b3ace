import { defineConfig } from 'tsup';
import { sourceMapsWithoutDuplicateSources } from '../../tsup.shared.ts';

export default defineConfig({
  entry: ['src/index.ts', 'src/lite.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  ...sourceMapsWithoutDuplicateSources,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  // The `./node` entry imports Node built-ins; they stay imports (with their `node:` prefix).
  removeNodeProtocol: false,
  external: [/^node:/],
});
